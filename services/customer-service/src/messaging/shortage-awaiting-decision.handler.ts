import { Injectable } from '@nestjs/common';
import { CaseType, EventEnvelope, Events, OrderAwaitingShopperDecisionV1 } from '@askfirst/contracts';
import { OnEvent, OutboxTransaction } from '@askfirst/messaging';
import { OpenCaseUseCase } from '../application/open-case.usecase';
import { RecordOrderEventUseCase } from '../application/record-order-event.usecase';

/** CONTACT_ME shortage: the shopper asked for a call, so a SHORTAGE_CONTACT case opens with its SLA. */
@Injectable()
export class ShortageAwaitingDecisionHandler {
  constructor(
    private readonly recordOrderEvent: RecordOrderEventUseCase,
    private readonly openCase: OpenCaseUseCase,
  ) {}

  @OnEvent(Events.orderAwaitingShopperDecision)
  async handle(envelope: EventEnvelope<OrderAwaitingShopperDecisionV1>, tx: OutboxTransaction): Promise<void> {
    const { orderId, shopperId, shortLines } = envelope.data;
    await this.recordOrderEvent.execute(tx, envelope);
    await this.openCase.execute(tx, {
      orderId,
      shopperId,
      type: CaseType.SHORTAGE_CONTACT,
      subject: `Short: ${shortLines.map((l) => `${l.name} (${l.quantityShort} of ${l.quantityOrdered})`).join(', ')}`,
    });
  }
}
