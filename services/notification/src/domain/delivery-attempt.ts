import { NoticeChannel } from '@askfirst/contracts';
import { ATTEMPT_TRANSITIONS, AttemptStatus } from './notice-status';
import { NoticeRuleError } from './notice-rule.error';

export interface DeliveryAttemptProps {
  id: string;
  noticeId: string;
  channel: NoticeChannel;
  round: number;
  status: AttemptStatus;
  error: string | null;
  startedAt: Date;
  finishedAt: Date | null;
}

/** One try of one notice on one channel. */
export class DeliveryAttempt {
  private constructor(private props: DeliveryAttemptProps) {}

  static restore(props: DeliveryAttemptProps): DeliveryAttempt {
    return new DeliveryAttempt({ ...props });
  }

  static start(id: string, noticeId: string, channel: NoticeChannel, round: number, now: Date): DeliveryAttempt {
    const attempt = new DeliveryAttempt({ id, noticeId, channel, round, status: AttemptStatus.PENDING, error: null, startedAt: now, finishedAt: null });
    attempt.move(AttemptStatus.SENT);
    return attempt;
  }

  get id() { return this.props.id; }
  get noticeId() { return this.props.noticeId; }
  get channel() { return this.props.channel; }
  get round() { return this.props.round; }
  get status() { return this.props.status; }
  get error() { return this.props.error; }
  get startedAt() { return this.props.startedAt; }
  get finishedAt() { return this.props.finishedAt; }

  succeed(now: Date): void {
    this.move(AttemptStatus.DELIVERED);
    this.props.finishedAt = now;
  }

  fail(error: string, now: Date): void {
    this.move(AttemptStatus.FAILED);
    this.props.error = error.slice(0, 1000);
    this.props.finishedAt = now;
  }

  snapshot(): Readonly<DeliveryAttemptProps> {
    return { ...this.props };
  }

  private move(to: AttemptStatus): void {
    if (!ATTEMPT_TRANSITIONS[this.props.status].includes(to)) {
      throw new NoticeRuleError(`attempt ${this.props.id}: ${this.props.status} -> ${to} is not allowed`);
    }
    this.props.status = to;
  }
}
