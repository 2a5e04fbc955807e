import { Injectable } from '@nestjs/common';
import { EventEnvelope, NotificationShopperNotifiedV1 } from '@askfirst/contracts';
import { OutboxTransaction, UnprocessableEventError } from '@askfirst/messaging';
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
    // Every notice is caused by one of our orders' events, so an unknown order is a poison message
    // (refunds it names can never be requested): dead-letter it where an operator sees it, like
    // inventory facts about unknown orders, instead of dropping it silently.
    if (!isUUID(orderId)) throw new UnprocessableEventError(`${envelope.type} is about order ${orderId}, which is not an order id`);
    await this.uow.applyFact(tx, orderId, envelope, (order, now) => void order.noticeDelivered(noticeId, refundIds, now));
  }
}
