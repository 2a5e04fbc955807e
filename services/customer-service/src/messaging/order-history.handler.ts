import { Injectable } from '@nestjs/common';
import { EventEnvelope, Events } from '@askfirst/contracts';
import { OnEvent, OutboxTransaction } from '@askfirst/messaging';
import { RecordOrderEventUseCase } from '../application/record-order-event.usecase';

/** Every other order and notice fact only adds to the order's projection and timeline. */
@Injectable()
export class OrderHistoryHandler {
  constructor(private readonly recordOrderEvent: RecordOrderEventUseCase) {}

  @OnEvent(
    Events.orderPlaced,
    Events.orderConfirmed,
    Events.orderLineRefundApproved,
    Events.orderSubstitutionRequested,
    Events.orderLineSubstituted,
    Events.orderLineBackordered,
    Events.orderRefundRequested,
    Events.orderPickingStarted,
    Events.orderReady,
    Events.orderDispatched,
    Events.orderDelivered,
    Events.notificationShopperNotified,
  )
  handle(envelope: EventEnvelope<{ orderId: string; shopperId: string }>, tx: OutboxTransaction): Promise<void> {
    return this.recordOrderEvent.execute(tx, envelope);
  }
}
