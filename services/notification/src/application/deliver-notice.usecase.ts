import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Counter } from 'prom-client';
import { DataSource } from 'typeorm';
import { TransactionalOutbox } from '@askfirst/messaging';
import { Metrics } from '@askfirst/platform';
import { NOTIFICATION_CONFIG, NotificationServiceConfig } from '../config';
import { Notice } from '../domain/notice';
import { NoticeStatus } from '../domain/notice-status';
import { ClaimedNotice, NoticeRepository } from '../infrastructure/persistence/notice.repository';
import { NOTICE_CHANNEL_SENDERS, NoticeChannelSender, OutgoingNotice } from './ports/notice-channel.port';
import { publishNoticeEvents } from './notice-events.publisher';

/**
 * One delivery round for a notice the dispatcher leased (and read with the shopper's settings): walk the shopper's channels in their
 * fallback order until one accepts, then save the outcome and its events in one transaction.
 * Each attempt is recorded as SENT before the provider is called, so a hung or crashed attempt
 * stays visible in the notice's history.
 */
@Injectable()
export class DeliverNoticeUseCase {
  private readonly logger = new Logger(DeliverNoticeUseCase.name);
  private readonly senders: Map<string, NoticeChannelSender>;
  private readonly outcomes: Counter<'channel' | 'outcome'>;
  private readonly noticeOutcomes: Counter<'outcome'>;

  constructor(
    @Inject(NOTIFICATION_CONFIG) private readonly config: NotificationServiceConfig,
    @Inject(NOTICE_CHANNEL_SENDERS) senders: NoticeChannelSender[],
    private readonly notices: NoticeRepository,
    private readonly outbox: TransactionalOutbox,
    private readonly dataSource: DataSource,
    metrics: Metrics,
  ) {
    this.senders = new Map(senders.map((s) => [s.channel, s]));
    this.outcomes = metrics.counter({ name: 'notification_delivery_attempts_total', help: 'Channel attempts by outcome.', labelNames: ['channel', 'outcome'] });
    this.noticeOutcomes = metrics.counter({
      name: 'notification_notices_outcome_total',
      help: 'Notices that reached the shopper (notified) or ran out of retries (failed: a human is called in).',
      labelNames: ['outcome'],
    });
  }

  async execute({ notice, settings }: ClaimedNotice): Promise<void> {
    if (notice.status === NoticeStatus.DELIVERED) return;
    const claimedVersion = notice.version;
    const targets = settings.targets();

    notice.beginRound();
    if (!targets.length) notice.deliverInAppOnly(new Date());
    for (const target of targets) {
      const attempt = notice.startAttempt(randomUUID(), target.channel, new Date());
      await this.notices.saveAttempts(this.dataSource.manager, [attempt]);
      try {
        await this.sendWithTimeout(target.channel, outgoing(notice), target.address);
        notice.attemptSucceeded(attempt, new Date());
        this.outcomes.inc({ channel: target.channel, outcome: 'delivered' });
        break;
      } catch (error) {
        notice.attemptFailed(attempt, error instanceof Error ? error.message : String(error), new Date());
        this.outcomes.inc({ channel: target.channel, outcome: 'failed' });
      }
    }
    notice.endRound(new Date(), this.config.delivery);

    const events = notice.pullEvents();
    const applied = await this.outbox.run(async (tx) => {
      // Lost the lease (this round overran it): the attempts stay on record, the new holder decides.
      if (!(await this.notices.saveRound(tx.manager, notice, claimedVersion))) {
        this.logger.warn({ msg: 'notice lease lost; round outcome not applied', noticeId: notice.id });
        return false;
      }
      publishNoticeEvents(tx, notice, events);
      return true;
    });
    if (applied) for (const event of events) this.noticeOutcomes.inc({ outcome: event.type === 'SHOPPER_NOTIFIED' ? 'notified' : 'failed' });
  }

  private async sendWithTimeout(channel: string, notice: OutgoingNotice, address: string): Promise<void> {
    const sender = this.senders.get(channel);
    if (!sender) throw new Error(`no sender for channel ${channel}`);
    const timeoutMs = this.config.delivery.attemptTimeoutMs;
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const error = new Error(`${channel} provider did not answer within ${timeoutMs} ms`);
        controller.abort(error);
        reject(error);
      }, timeoutMs);
    });
    try {
      // The race bounds the attempt even if a provider client ignores the abort signal.
      await Promise.race([sender.send(notice, address, controller.signal), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}

function outgoing(notice: Notice): OutgoingNotice {
  return { id: notice.id, orderId: notice.cause.orderId, shopperId: notice.cause.shopperId, kind: notice.kind, content: notice.content };
}
