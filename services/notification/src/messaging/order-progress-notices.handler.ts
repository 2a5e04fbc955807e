import { Injectable } from '@nestjs/common';
import { EventEnvelope, Events, OrderConfirmedV1, OrderProgressV1 } from '@askfirst/contracts';
import { OnEvent, OutboxTransaction } from '@askfirst/messaging';
import { CreateNoticeUseCase } from '../application/create-notice.usecase';
import { NoticeKind } from '../domain/notice-kind';
import { causeOf } from './notice-cause';

/** Confirmed, dispatched, delivered: the happy path the shopper follows. */
@Injectable()
export class OrderProgressNoticesHandler {
  constructor(private readonly createNotice: CreateNoticeUseCase) {}

  @OnEvent(Events.orderConfirmed)
  async onConfirmed(envelope: EventEnvelope<OrderConfirmedV1>, tx: OutboxTransaction): Promise<void> {
    const { orderId, lines } = envelope.data;
    await this.createNotice.execute(tx, causeOf(envelope), {
      kind: NoticeKind.ORDER_CONFIRMED,
      orderId,
      items: lines.map((l) => ({ lineId: l.lineId, sku: l.sku, quantity: l.quantity })),
    });
  }

  @OnEvent(Events.orderDispatched)
  async onDispatched(envelope: EventEnvelope<OrderProgressV1>, tx: OutboxTransaction): Promise<void> {
    await this.createNotice.execute(tx, causeOf(envelope), { kind: NoticeKind.ORDER_DISPATCHED, orderId: envelope.data.orderId });
  }

  @OnEvent(Events.orderDelivered)
  async onDelivered(envelope: EventEnvelope<OrderProgressV1>, tx: OutboxTransaction): Promise<void> {
    await this.createNotice.execute(tx, causeOf(envelope), { kind: NoticeKind.ORDER_DELIVERED, orderId: envelope.data.orderId });
  }
}
