import { Injectable } from '@nestjs/common';
import { EventEnvelope, InventoryBackorderFilledV1 } from '@askfirst/contracts';
import { OutboxTransaction } from '@askfirst/messaging';
import { OrderUnitOfWork } from './order-unit-of-work';

/**
 * inventory.backorder-filled: a restock filled the line the shopper chose to wait for. A fill that
 * crossed the shopper's change of mind (the line refunded instead) is kept in the timeline and
 * changes nothing; inventory puts the units back when it consumes the line's refund.
 */
@Injectable()
export class FillBackorderUseCase {
  constructor(private readonly uow: OrderUnitOfWork) {}

  execute(tx: OutboxTransaction, envelope: EventEnvelope<InventoryBackorderFilledV1>): Promise<void> {
    const { orderId, lineId } = envelope.data;
    return this.uow.applyFact(tx, orderId, envelope, (order, now) => {
      if (order.backorderWithdrawn(lineId)) return { ignored: 'the shopper had already chosen a refund for this line instead of waiting' };
      order.fillBackorder(lineId, now);
      return undefined;
    });
  }
}
