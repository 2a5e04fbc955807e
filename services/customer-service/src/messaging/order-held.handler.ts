import { Injectable } from '@nestjs/common';
import { CaseType, EventEnvelope, Events, OrderHeldV1 } from '@askfirst/contracts';
import { OnEvent, OutboxTransaction } from '@askfirst/messaging';
import { OpenCaseUseCase } from '../application/open-case.usecase';
import { RecordOrderEventUseCase } from '../application/record-order-event.usecase';

/** KEEP_HOLDING fell due: the order waits on a supervisor, so an ESCALATION case opens in their queue. */
@Injectable()
export class OrderHeldHandler {
  constructor(
    private readonly recordOrderEvent: RecordOrderEventUseCase,
    private readonly openCase: OpenCaseUseCase,
  ) {}

  @OnEvent(Events.orderHeld)
  async handle(envelope: EventEnvelope<OrderHeldV1>, tx: OutboxTransaction): Promise<void> {
    const { orderId, shopperId, reviewBy } = envelope.data;
    await this.recordOrderEvent.execute(tx, envelope);
    await this.openCase.execute(tx, { orderId, shopperId, type: CaseType.ESCALATION, subject: `Order on hold; review by ${reviewBy}` });
  }
}
