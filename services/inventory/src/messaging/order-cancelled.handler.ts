import { Injectable } from '@nestjs/common';
import { EventEnvelope, Events, OrderCancelledV1 } from '@askfirst/contracts';
import { OnEvent, OutboxTransaction } from '@askfirst/messaging';
import { ReleaseOrderUseCase } from '../application/release-order.usecase';

@Injectable()
export class OrderCancelledHandler {
  constructor(private readonly useCase: ReleaseOrderUseCase) {}

  @OnEvent(Events.orderCancelled)
  handle(envelope: EventEnvelope<OrderCancelledV1>, tx: OutboxTransaction): Promise<void> {
    return this.useCase.execute(tx, envelope.data);
  }
}
