import { Injectable } from '@nestjs/common';
import { EventEnvelope, Events, NotificationDeliveryFailedV1, NotificationShopperNotifiedV1 } from '@askfirst/contracts';
import { OnEvent, OutboxTransaction } from '@askfirst/messaging';
import { RecordOrderFactUseCase } from '../application/record-order-fact.usecase';
import { RequestNoticedRefundsUseCase } from '../application/request-noticed-refunds.usecase';

/** askfirst.notification.v1: notices release refunds (I2); failures stay in the timeline, refunds wait. */
@Injectable()
export class NotificationEventsHandler {
  constructor(private readonly refunds: RequestNoticedRefundsUseCase, private readonly fact: RecordOrderFactUseCase) {}

  @OnEvent(Events.notificationShopperNotified)
  onShopperNotified(envelope: EventEnvelope<NotificationShopperNotifiedV1>, tx: OutboxTransaction): Promise<void> {
    return this.refunds.execute(tx, envelope);
  }

  @OnEvent(Events.notificationDeliveryFailed)
  onDeliveryFailed(envelope: EventEnvelope<NotificationDeliveryFailedV1>, tx: OutboxTransaction): Promise<void> {
    return this.fact.execute(tx, envelope);
  }
}
