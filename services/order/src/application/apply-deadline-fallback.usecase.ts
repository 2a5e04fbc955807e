import { Injectable } from '@nestjs/common';
import { deadlineFallbackDecisions } from '../domain/shortage-policy';
import { OrderRepository } from '../infrastructure/order.repository';
import { OrderUnitOfWork } from './order-unit-of-work';

/**
 * A CONTACT_ME window closed unanswered: the shopper's own fallback applies
 * (SHOPPER_PRESET_FALLBACK). One order per transaction; returns whether one was due.
 */
@Injectable()
export class ApplyDeadlineFallbackUseCase {
  constructor(private readonly uow: OrderUnitOfWork, private readonly orders: OrderRepository) {}

  executeNext(now: Date): Promise<string | undefined> {
    return this.uow.transaction(undefined, async (tx) => {
      const order = await this.orders.lockNextDueForFallback(tx.manager, now);
      if (!order) return undefined;
      const waiting = order.waitingLineIds().map((id) => order.policyLine(id));
      order.applyDeadlineFallback(deadlineFallbackDecisions(waiting, now), now);
      await this.uow.save(tx, order);
      return order.id;
    });
  }
}
