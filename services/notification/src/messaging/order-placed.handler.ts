import { Injectable } from '@nestjs/common';
import { EventEnvelope, Events, OrderPlacedV1 } from '@askfirst/contracts';
import { OnEvent, OutboxTransaction } from '@askfirst/messaging';
import { RecordOrderLinesUseCase } from '../application/record-order-lines.usecase';

@Injectable()
export class OrderPlacedHandler {
  constructor(private readonly recordLines: RecordOrderLinesUseCase) {}

  @OnEvent(Events.orderPlaced)
  async onOrderPlaced(envelope: EventEnvelope<OrderPlacedV1>, tx: OutboxTransaction): Promise<void> {
    await this.recordLines.execute(tx, envelope.data);
  }
}
