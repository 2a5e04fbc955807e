import { Injectable } from '@nestjs/common';
import { Events } from '@askfirst/contracts';
import { DataSource } from 'typeorm';
import { CaseRepository } from '../infrastructure/case.repository';
import { ContactAttemptRepository } from '../infrastructure/contact-attempt.repository';
import { OrderProjectionRepository } from '../infrastructure/order-projection.repository';
import { TimelineRepository } from '../infrastructure/timeline.repository';
import { CaseView, NoticeStatus, TimelineItem } from './case-view.model';
import { TimelineRecord } from './timeline.model';

const NOTICE_OUTCOMES: Record<string, NoticeStatus['status']> = {
  [Events.notificationShopperNotified.type]: 'DELIVERED',
  [Events.notificationDeliveryFailed.type]: 'FAILED',
};

/** Reads a case with its order's whole story from this service's own projections (ADR 0007). */
@Injectable()
export class GetCaseViewUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cases: CaseRepository,
    private readonly orders: OrderProjectionRepository,
    private readonly attempts: ContactAttemptRepository,
    private readonly timeline: TimelineRepository,
  ) {}

  async execute(caseId: string): Promise<CaseView> {
    const manager = this.dataSource.manager;
    const state = (await this.cases.get(manager, caseId)).snapshot;
    const [queuePosition, order, contactAttempts, timeline] = await Promise.all([
      this.cases.queuePosition(manager, state),
      this.orders.find(manager, state.orderId),
      this.attempts.listForCase(manager, caseId),
      this.timeline.forOrder(manager, state.orderId),
    ]);
    return { case: state, queuePosition, order, contactAttempts, timeline: withNoticeStatus(timeline) };
  }
}

/** Hangs each notice's delivery outcome on the event it told the shopper about. */
function withNoticeStatus(records: TimelineRecord[]): TimelineItem[] {
  const byCause = new Map<string, Map<string, NoticeStatus>>();
  for (const r of records) {
    const status = NOTICE_OUTCOMES[r.type];
    if (!status) continue;
    const { noticeId, causeEventId, channels } = r.detail as { noticeId: string; causeEventId: string; channels?: string[] };
    const notices = byCause.get(causeEventId) ?? new Map<string, NoticeStatus>();
    notices.set(noticeId, { noticeId, status, channels: channels ?? [], at: r.occurredAt }); // later outcome wins
    byCause.set(causeEventId, notices);
  }
  return records.map((r) => ({ ...r, notices: [...(byCause.get(r.eventId)?.values() ?? [])] }));
}
