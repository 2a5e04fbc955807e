import { CaseState } from '../domain/case.aggregate';
import { ContactAttemptRecord } from './contact-attempt.model';
import { OrderSnapshot } from './order-projection.model';
import { TimelineRecord } from './timeline.model';

/** How a notice about a timeline event fared, from the notification service's events. */
export interface NoticeStatus {
  noticeId: string;
  status: 'DELIVERED' | 'FAILED';
  channels: string[];
  at: Date;
}

export interface TimelineItem extends TimelineRecord {
  notices: NoticeStatus[];
}

/** Everything an agent needs on one screen, so the shopper never repeats the story. */
export interface CaseView {
  case: CaseState;
  queuePosition: number | null;
  order: OrderSnapshot | null;
  contactAttempts: ContactAttemptRecord[];
  timeline: TimelineItem[];
}
