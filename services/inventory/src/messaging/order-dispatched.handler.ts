import { Injectable } from '@nestjs/common';
import { EventEnvelope, Events, OrderProgressV1 } from '@askfirst/contracts';
import { OnEvent, OutboxTransaction } from '@askfirst/messaging';
import { CommitOrderUseCase } from '../application/commit-order.usecase';

@Injectable()
export class OrderDispatchedHandler {
  constructor(private readonly useCase: CommitOrderUseCase) {}

  @OnEvent(Events.orderDispatched)
  handle(envelope: EventEnvelope<OrderProgressV1>, tx: OutboxTransaction): Promise<void> {
    return this.useCase.execute(tx, envelope.data);
  }
}
