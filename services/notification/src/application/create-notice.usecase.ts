import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Counter } from 'prom-client';
import { OutboxTransaction } from '@askfirst/messaging';
import { Metrics } from '@askfirst/platform';
import { NOTIFICATION_CONFIG, NotificationServiceConfig } from '../config';
import { DecisionLink } from '../domain/decision-link';
import { signDecisionToken } from '../domain/decision-link-token';
import { Notice, NoticeCause } from '../domain/notice';
import { NoticeKind } from '../domain/notice-kind';
import { fillFromOrder, needsOrderedLines } from '../domain/templates/fill-from-order';
import { NoticeFacts } from '../domain/templates/notice-facts';
import { composeNotice } from '../domain/templates/notice-template';
import { ChannelSettingsRepository } from '../infrastructure/persistence/channel-settings.repository';
import { NoticeDispatcher } from '../infrastructure/dispatch/notice-dispatcher';
import { DecisionLinkRepository } from '../infrastructure/persistence/decision-link.repository';
import { NoticeRepository } from '../infrastructure/persistence/notice.repository';
import { OrderLineRepository } from '../infrastructure/persistence/order-line.repository';
import { publishNoticeEvents } from './notice-events.publisher';

/**
 * Records the notice for one causing event, inside the consumer's transaction. Delivery happens
 * later in the dispatcher; only an inbox-only shopper is "notified" here and now.
 */
@Injectable()
export class CreateNoticeUseCase {
  private readonly created: Counter<'kind'>;

  constructor(
    @Inject(NOTIFICATION_CONFIG) private readonly config: NotificationServiceConfig,
    private readonly notices: NoticeRepository,
    private readonly settings: ChannelSettingsRepository,
    private readonly lines: OrderLineRepository,
    private readonly links: DecisionLinkRepository,
    private readonly dispatcher: NoticeDispatcher,
    metrics: Metrics,
  ) {
    this.created = metrics.counter({ name: 'notification_notices_created_total', help: 'Notices created, by kind.', labelNames: ['kind'] });
  }

  /** Returns the new notice's id, or undefined when this cause already has one. */
  async execute(tx: OutboxTransaction, cause: NoticeCause, facts: NoticeFacts, refundIds: string[] = []): Promise<string | undefined> {
    const now = new Date();
    const noticeId = randomUUID();
    const ordered = needsOrderedLines(facts) ? await this.lines.byOrder(tx.manager, cause.orderId) : [];
    let filled = fillFromOrder(facts, ordered);

    let link: DecisionLink | undefined;
    if (filled.kind === NoticeKind.DECISION_NEEDED) {
      link = DecisionLink.issue(randomUUID(), noticeId, { ...filled, shopperId: cause.shopperId });
      const token = signDecisionToken(link.id, link.expiresAt, this.config.decisionLinkSecret);
      filled = { ...filled, link: `${this.config.publicBaseUrl}/d/${token}` };
    }

    const settings = await this.settings.find(cause.shopperId, tx.manager);
    const notice = Notice.create({ id: noticeId, cause, kind: filled.kind, content: composeNotice(filled), refundIds }, now, settings.hasExternalChannel());
    if (!(await this.notices.insertIfAbsent(tx.manager, notice))) return undefined;
    if (link) await this.links.insert(tx.manager, link);
    publishNoticeEvents(tx, notice, notice.pullEvents());
    // Delivery starts as soon as the notice is committed, not at the dispatcher's next poll. A notice
    // for an in-app-only shopper is delivered already: waking the dispatcher would find nothing to claim.
    if (notice.nextAttemptAt) tx.afterCommit(() => this.dispatcher.wake());
    this.created.inc({ kind: notice.kind });
    return notice.id;
  }
}
