import { Principal } from '@askfirst/platform';
import { DeliveryAttempt } from '../domain/delivery-attempt';
import { Notice } from '../domain/notice';
import { DeliveryAttemptResponse, NoticeDetailResponse, NoticeSummaryResponse } from './dto/notice.response';

/** The decision link decides as the shopper (source SHOPPER), so only the shopper gets to see it. */
export function toNoticeSummary(notice: Notice, caller: Principal): NoticeSummaryResponse {
  const s = notice.snapshot();
  return {
    id: s.id,
    kind: s.kind,
    orderId: s.cause.orderId,
    shopperId: s.cause.shopperId,
    subject: s.content.subject,
    paragraphs: s.content.paragraphs,
    action: caller.role === 'shopper' && s.content.action ? { ...s.content.action } : undefined,
    inAppStatus: 'DELIVERED',
    status: s.status,
    reachedChannels: s.reachedChannels,
    createdAt: s.createdAt.toISOString(),
  };
}

export function toNoticeDetail(notice: Notice, attempts: DeliveryAttempt[], caller: Principal): NoticeDetailResponse {
  const s = notice.snapshot();
  return {
    ...toNoticeSummary(notice, caller),
    causeEventId: s.cause.eventId,
    causeType: s.cause.eventType,
    refundIds: s.refundIds,
    rounds: s.rounds,
    nextAttemptAt: s.nextAttemptAt?.toISOString() ?? null,
    lastError: s.lastError,
    notifiedAt: s.notifiedAt?.toISOString() ?? null,
    failedAt: s.failedAt?.toISOString() ?? null,
    attempts: attempts.map(toAttempt),
  };
}

function toAttempt(attempt: DeliveryAttempt): DeliveryAttemptResponse {
  const a = attempt.snapshot();
  return {
    id: a.id,
    channel: a.channel,
    round: a.round,
    status: a.status,
    error: a.error,
    startedAt: a.startedAt.toISOString(),
    finishedAt: a.finishedAt?.toISOString() ?? null,
  };
}
