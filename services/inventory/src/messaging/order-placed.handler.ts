import { Injectable } from '@nestjs/common';
import { EventEnvelope, Events, OrderPlacedV1 } from '@askfirst/contracts';
import { OnEvent, OutboxTransaction } from '@askfirst/messaging';
import { ReserveOrderUseCase } from '../application/reserve-order.usecase';

@Injectable()
export class OrderPlacedHandler {
  constructor(private readonly useCase: ReserveOrderUseCase) {}

  @OnEvent(Events.orderPlaced)
  handle(envelope: EventEnvelope<OrderPlacedV1>, tx: OutboxTransaction): Promise<void> {
    return this.useCase.execute(tx, envelope.data);
  }
}
