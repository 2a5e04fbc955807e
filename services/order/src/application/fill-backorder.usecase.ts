import { Injectable } from '@nestjs/common';
import { EventEnvelope, InventoryBackorderFilledV1 } from '@askfirst/contracts';
import { OutboxTransaction } from '@askfirst/messaging';
import { OrderUnitOfWork } from './order-unit-of-work';

/** inventory.backorder-filled: a restock filled the line the shopper chose to wait for. */
@Injectable()
export class FillBackorderUseCase {
  constructor(private readonly uow: OrderUnitOfWork) {}

  execute(tx: OutboxTransaction, envelope: EventEnvelope<InventoryBackorderFilledV1>): Promise<void> {
    return this.uow.applyFact(tx, envelope.data.orderId, envelope, (order, now) => order.fillBackorder(envelope.data.lineId, now));
  }
}
