import { Injectable } from '@nestjs/common';
import { EventEnvelope, NotificationShopperNotifiedV1 } from '@askfirst/contracts';
import { OutboxTransaction } from '@askfirst/messaging';
import { isUUID } from 'class-validator';
import { OrderUnitOfWork } from './order-unit-of-work';

/**
 * notification.shopper-notified: the notice is in the timeline; refunds it announced are now
 * requested from the payment platform (I2: tell before money moves).
 */
@Injectable()
export class RequestNoticedRefundsUseCase {
  constructor(private readonly uow: OrderUnitOfWork) {}

  async execute(tx: OutboxTransaction, envelope: EventEnvelope<NotificationShopperNotifiedV1>): Promise<void> {
    const { orderId, noticeId, refundIds } = envelope.data;
    // A notice about something that is not one of our orders is not ours to act on.
    if (!isUUID(orderId) || !(await this.uow.find(tx, orderId))) return;
    await this.uow.applyFact(tx, orderId, envelope, (order, now) => void order.noticeDelivered(noticeId, refundIds, now));
  }
}
