import { Events } from '@askfirst/contracts';
import { OutboxTransaction } from '@askfirst/messaging';
import { Notice, NoticeEvent } from '../domain/notice';

/** Maps the aggregate's facts to contract events, in the same transaction as the notice (I6). */
export function publishNoticeEvents(tx: OutboxTransaction, notice: Notice, events: NoticeEvent[]): void {
  const s = notice.snapshot();
  const fact = {
    noticeId: s.id,
    orderId: s.cause.orderId,
    shopperId: s.cause.shopperId,
    causeEventId: s.cause.eventId,
    causeType: s.cause.eventType,
    refundIds: [...s.refundIds],
  };
  const options = { subject: s.cause.orderId, correlationId: s.cause.correlationId, causationId: s.cause.eventId };
  for (const event of events) {
    switch (event.type) {
      case 'SHOPPER_NOTIFIED':
        tx.publish(Events.notificationShopperNotified, { ...fact, channels: event.channels }, options);
        break;
      case 'DELIVERY_FAILED':
        tx.publish(Events.notificationDeliveryFailed, { ...fact, attempts: event.attempts, lastError: event.lastError }, options);
        break;
    }
  }
}
