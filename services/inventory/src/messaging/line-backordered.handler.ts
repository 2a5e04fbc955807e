import { Injectable } from '@nestjs/common';
import { EventEnvelope, Events, OrderLineBackorderedV1 } from '@askfirst/contracts';
import { OnEvent, OutboxTransaction } from '@askfirst/messaging';
import { QueueBackorderUseCase } from '../application/queue-backorder.usecase';

@Injectable()
export class LineBackorderedHandler {
  constructor(private readonly useCase: QueueBackorderUseCase) {}

  @OnEvent(Events.orderLineBackordered)
  handle(envelope: EventEnvelope<OrderLineBackorderedV1>, tx: OutboxTransaction): Promise<void> {
    return this.useCase.execute(tx, envelope.data);
  }
}
