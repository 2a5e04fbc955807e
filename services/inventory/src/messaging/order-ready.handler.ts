import { Injectable } from '@nestjs/common';
import { EventEnvelope, Events, OrderProgressV1 } from '@askfirst/contracts';
import { OnEvent, OutboxTransaction } from '@askfirst/messaging';
import { PackOrderUseCase } from '../application/pack-order.usecase';

@Injectable()
export class OrderReadyHandler {
  constructor(private readonly useCase: PackOrderUseCase) {}

  @OnEvent(Events.orderReady)
  handle(envelope: EventEnvelope<OrderProgressV1>, tx: OutboxTransaction): Promise<void> {
    return this.useCase.execute(tx, envelope.data);
  }
}
