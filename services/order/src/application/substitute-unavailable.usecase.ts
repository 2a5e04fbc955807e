import { Injectable } from '@nestjs/common';
import { EventEnvelope, InventorySubstituteUnavailableV1 } from '@askfirst/contracts';
import { OutboxTransaction } from '@askfirst/messaging';
import { substituteFallbackDecision } from '../domain/shortage-policy';
import { OrderUnitOfWork } from './order-unit-of-work';

/** inventory.substitute-unavailable: the line falls to the shopper's own fallback. */
@Injectable()
export class SubstituteUnavailableUseCase {
  constructor(private readonly uow: OrderUnitOfWork) {}

  execute(tx: OutboxTransaction, envelope: EventEnvelope<InventorySubstituteUnavailableV1>): Promise<void> {
    const { orderId, lineId, decisionId } = envelope.data;
    return this.uow.applyFact(tx, orderId, envelope, (order, now) =>
      order.substituteUnavailable(lineId, decisionId, substituteFallbackDecision(order.policyLine(lineId), now), now));
  }
}
