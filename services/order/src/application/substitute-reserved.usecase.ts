import { Injectable } from '@nestjs/common';
import { EventEnvelope, InventorySubstituteReservedV1 } from '@askfirst/contracts';
import { OutboxTransaction } from '@askfirst/messaging';
import { OrderUnitOfWork } from './order-unit-of-work';

/** inventory.substitute-reserved: the substitution a decision asked for is held. */
@Injectable()
export class SubstituteReservedUseCase {
  constructor(private readonly uow: OrderUnitOfWork) {}

  execute(tx: OutboxTransaction, envelope: EventEnvelope<InventorySubstituteReservedV1>): Promise<void> {
    const { orderId, lineId, decisionId, sku, name, quantity, unitPriceCents } = envelope.data;
    return this.uow.applyFact(tx, orderId, envelope, (order, now) =>
      order.substituteReserved(lineId, decisionId, { sku, name, quantity, unitPriceCents }, now));
  }
}
