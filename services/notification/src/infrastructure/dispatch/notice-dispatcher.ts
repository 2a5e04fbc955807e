import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { LoopWaker } from '@askfirst/messaging';
import { DeliverNoticeUseCase } from '../../application/deliver-notice.usecase';
import { NOTICE_CHANNEL_SENDERS, NoticeChannelSender } from '../../application/ports/notice-channel.port';
import { NOTIFICATION_CONFIG, NotificationServiceConfig } from '../../config';
import { NoticeRepository } from '../persistence/notice.repository';

/**
 * The durable delivery loop: polls notices whose next_attempt_at is due (and is woken when a new
 * notice commits), leases them with
 * FOR UPDATE SKIP LOCKED, and runs up to `concurrency` deliveries at once. It is separate from the
 * Kafka consumer, so a provider that hangs holds one slot for one attempt timeout, not a partition.
 */
@Injectable()
export class NoticeDispatcher implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(NoticeDispatcher.name);
  private readonly inFlight = new Set<Promise<void>>();
  private running = false;
  private loop?: Promise<void>;
  private readonly waker = new LoopWaker();

  constructor(
    @Inject(NOTIFICATION_CONFIG) private readonly config: NotificationServiceConfig,
    private readonly notices: NoticeRepository,
    private readonly deliver: DeliverNoticeUseCase,
    @Inject(NOTICE_CHANNEL_SENDERS) private readonly senders: NoticeChannelSender[],
  ) {}

  onApplicationBootstrap(): void {
    this.running = true;
    this.loop = this.run();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.running = false;
    this.waker.interrupt();
    await this.loop;
    await Promise.allSettled([...this.inFlight]);
    for (const sender of this.senders) sender.close?.();
  }

  /** A notice was committed: claim it now instead of at the next poll (the poll stays for retries and restarts). */
  wake(): void {
    this.waker.wake();
  }

  /** A round that fits in the lease: every channel may take the whole attempt timeout. */
  private get leaseMs(): number {
    return this.config.delivery.attemptTimeoutMs * 3 + 10_000;
  }

  private async run(): Promise<void> {
    const { concurrency, pollMs } = this.config.delivery;
    while (this.running) {
      const free = concurrency - this.inFlight.size;
      let claimed = 0;
      if (free > 0) {
        try {
          const claims = await this.notices.claimDue(free, this.leaseMs);
          claimed = claims.length;
          for (const claim of claims) this.track(this.deliver.execute(claim));
        } catch (error) {
          this.logger.error({ msg: 'claiming due notices failed', error: String(error) });
        }
      }
      // A full batch means more may be due: go again at once, unless every slot is busy.
      if (claimed === free && free > 0 && this.inFlight.size < concurrency) continue;
      await this.waker.sleep(pollMs);
    }
  }

  private track(delivery: Promise<void>): void {
    const tracked = delivery
      .catch((error) => this.logger.error({ msg: 'notice delivery round failed; it is retried when its lease ends', error: String(error) }))
      .finally(() => {
        // Only a loop that stopped for want of a slot needs the freed one; otherwise an extra claim
        // would find nothing (new notices wake() it, retries come with the poll).
        const wasFull = this.inFlight.size >= this.config.delivery.concurrency;
        this.inFlight.delete(tracked);
        if (wasFull) this.waker.interrupt();
      });
    this.inFlight.add(tracked);
  }
}
