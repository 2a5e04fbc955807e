import { Injectable } from '@nestjs/common';
import { CaseType, EventEnvelope, Events, NotificationDeliveryFailedV1 } from '@askfirst/contracts';
import { OnEvent, OutboxTransaction } from '@askfirst/messaging';
import { OpenCaseUseCase } from '../application/open-case.usecase';
import { RecordOrderEventUseCase } from '../application/record-order-event.usecase';

/** No channel reached the shopper: a human has to (refunds may wait on this notice, I2). */
@Injectable()
export class DeliveryFailedHandler {
  constructor(
    private readonly recordOrderEvent: RecordOrderEventUseCase,
    private readonly openCase: OpenCaseUseCase,
  ) {}

  @OnEvent(Events.notificationDeliveryFailed)
  async handle(envelope: EventEnvelope<NotificationDeliveryFailedV1>, tx: OutboxTransaction): Promise<void> {
    const { orderId, shopperId, causeType, attempts } = envelope.data;
    await this.recordOrderEvent.execute(tx, envelope);
    await this.openCase.execute(tx, {
      orderId,
      shopperId,
      type: CaseType.UNREACHABLE_SHOPPER,
      subject: `Notice about ${causeType} failed after ${attempts} attempts`,
    });
  }
}
