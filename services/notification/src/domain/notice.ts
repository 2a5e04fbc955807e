import { NoticeChannel } from '@askfirst/contracts';
import { DeliveryAttempt } from './delivery-attempt';
import { DeliveryPolicy, retryDelayMs } from './delivery-policy';
import { NoticeContent } from './notice-content';
import { NoticeKind } from './notice-kind';
import { NOTICE_TRANSITIONS, NoticeStatus } from './notice-status';
import { NoticeRuleError } from './notice-rule.error';

export interface NoticeCause {
  eventId: string;
  eventType: string;
  orderId: string;
  shopperId: string;
  correlationId: string;
}

export interface NoticeProps {
  id: string;
  cause: NoticeCause;
  kind: NoticeKind;
  content: NoticeContent;
  /** Refunds this notice announces: the order requests them only once it reached the shopper (I2). */
  refundIds: string[];
  status: NoticeStatus;
  rounds: number;
  attemptCount: number;
  nextAttemptAt: Date | null;
  reachedChannels: NoticeChannel[];
  lastError: string | null;
  notifiedAt: Date | null;
  failedAt: Date | null;
  createdAt: Date;
  version: number;
}

/** Facts the rest of the system must hear about, mapped to contract events by the application. */
export type NoticeEvent =
  | { type: 'SHOPPER_NOTIFIED'; channels: NoticeChannel[] }
  | { type: 'DELIVERY_FAILED'; attempts: number; lastError: string };

export interface NewNotice {
  id: string;
  cause: NoticeCause;
  kind: NoticeKind;
  content: NoticeContent;
  refundIds: string[];
}

/**
 * One notice per causing event. It "reaches the shopper" when an external channel accepted it,
 * or at once through the inbox when the shopper has no external channel (I2).
 */
export class Notice {
  private events: NoticeEvent[] = [];
  private attempts: DeliveryAttempt[] = [];

  private constructor(private props: NoticeProps) {}

  static create(input: NewNotice, now: Date, hasExternalChannel: boolean): Notice {
    const notice = new Notice({
      ...input,
      refundIds: [...new Set(input.refundIds)],
      status: NoticeStatus.PENDING,
      rounds: 0,
      attemptCount: 0,
      nextAttemptAt: now,
      reachedChannels: [],
      lastError: null,
      notifiedAt: null,
      failedAt: null,
      createdAt: now,
      version: 0,
    });
    if (!hasExternalChannel) {
      notice.move(NoticeStatus.SENT);
      notice.reach(NoticeChannel.IN_APP, now);
    }
    return notice;
  }

  static restore(props: NoticeProps): Notice {
    return new Notice({ ...props, reachedChannels: [...props.reachedChannels], refundIds: [...props.refundIds] });
  }

  get id() { return this.props.id; }
  get cause() { return this.props.cause; }
  get kind() { return this.props.kind; }
  get content() { return this.props.content; }
  get refundIds(): readonly string[] { return this.props.refundIds; }
  get status() { return this.props.status; }
  get rounds() { return this.props.rounds; }
  get nextAttemptAt() { return this.props.nextAttemptAt; }
  get version() { return this.props.version; }

  snapshot(): Readonly<NoticeProps> {
    return { ...this.props };
  }

  /** A delivery round starts: one pass over the shopper's channels in fallback order (the claim already stored SENT). */
  beginRound(): number {
    if (this.props.status === NoticeStatus.DELIVERED) throw new NoticeRuleError(`notice ${this.id} was already delivered`);
    if (this.props.status === NoticeStatus.PENDING) this.move(NoticeStatus.SENT);
    this.props.rounds += 1;
    this.props.lastError = null;
    return this.props.rounds;
  }

  startAttempt(attemptId: string, channel: NoticeChannel, now: Date): DeliveryAttempt {
    if (this.props.status === NoticeStatus.DELIVERED) throw new NoticeRuleError(`notice ${this.id} already reached the shopper`);
    if (this.props.rounds === 0) throw new NoticeRuleError(`notice ${this.id}: no delivery round in progress`);
    const attempt = DeliveryAttempt.start(attemptId, this.id, channel, this.props.rounds, now);
    this.props.attemptCount += 1;
    this.attempts.push(attempt);
    return attempt;
  }

  attemptSucceeded(attempt: DeliveryAttempt, now: Date): void {
    attempt.succeed(now);
    this.reach(attempt.channel, now);
  }

  attemptFailed(attempt: DeliveryAttempt, error: string, now: Date): void {
    attempt.fail(error, now);
    this.props.lastError = attempt.error;
  }

  /** The shopper has no external channel any more: the inbox is how they hear from us. */
  deliverInAppOnly(now: Date): void {
    this.reach(NoticeChannel.IN_APP, now);
  }

  /** Closes the round: delivered, retry with backoff, FAILED after the last round, or slow re-delivery. */
  endRound(now: Date, policy: DeliveryPolicy): void {
    if (this.props.status === NoticeStatus.DELIVERED) {
      this.props.nextAttemptAt = null;
      return;
    }
    const lastError = this.props.lastError ?? 'no channel accepted the notice';
    if (this.props.status === NoticeStatus.SENT && this.props.rounds >= policy.maxAttempts) {
      this.move(NoticeStatus.FAILED);
      this.props.failedAt = now;
      this.events.push({ type: 'DELIVERY_FAILED', attempts: Math.max(1, this.props.attemptCount), lastError });
    }
    const delay = this.props.status === NoticeStatus.FAILED ? policy.redeliveryMs : retryDelayMs(policy, this.props.rounds);
    this.props.nextAttemptAt = new Date(now.getTime() + delay);
  }

  /** Attempts started since load, for the repository. */
  newAttempts(): readonly DeliveryAttempt[] {
    return this.attempts;
  }

  pullEvents(): NoticeEvent[] {
    const events = this.events;
    this.events = [];
    return events;
  }

  private reach(channel: NoticeChannel, now: Date): void {
    if (!this.props.reachedChannels.includes(channel)) this.props.reachedChannels.push(channel);
    if (this.props.status === NoticeStatus.DELIVERED) return;
    this.move(NoticeStatus.DELIVERED);
    this.props.nextAttemptAt = null;
    // Told once: re-delivery after FAILED still announces it, so waiting refunds are released.
    if (!this.props.notifiedAt) {
      this.props.notifiedAt = now;
      this.events.push({ type: 'SHOPPER_NOTIFIED', channels: [channel] });
    }
  }

  private move(to: NoticeStatus): void {
    if (!NOTICE_TRANSITIONS[this.props.status].includes(to)) {
      throw new NoticeRuleError(`notice ${this.id}: ${this.props.status} -> ${to} is not allowed`);
    }
    this.props.status = to;
  }
}
