import { Injectable } from '@nestjs/common';
import { deadlineFallbackDecisions } from '../domain/shortage-policy';
import { OrderRepository } from '../infrastructure/order.repository';
import { OrderUnitOfWork } from './order-unit-of-work';

/** The fallback of one order could not be applied; the poller skips it for the rest of its tick. */
export class DeadlineFallbackFailedError extends Error {
  constructor(readonly orderId: string, override readonly cause: unknown) {
    super(`applying the decision-deadline fallback of order ${orderId} failed: ${String(cause)}`);
    this.name = 'DeadlineFallbackFailedError';
  }
}

/**
 * A CONTACT_ME window closed unanswered: the shopper's own fallback applies
 * (SHOPPER_PRESET_FALLBACK). One order per transaction; returns its id, or nothing when none is due.
 */
@Injectable()
export class ApplyDeadlineFallbackUseCase {
  constructor(private readonly uow: OrderUnitOfWork, private readonly orders: OrderRepository) {}

  executeNext(now: Date, skip: readonly string[] = []): Promise<string | undefined> {
    return this.uow.transaction(undefined, async (tx) => {
      const order = await this.orders.lockNextDueForFallback(tx.manager, now, skip);
      if (!order) return undefined;
      try {
        const waiting = order.waitingLineIds().map((id) => order.policyLine(id));
        order.applyDeadlineFallback(deadlineFallbackDecisions(waiting, now), now);
        await this.uow.save(tx, order);
      } catch (error) {
        throw new DeadlineFallbackFailedError(order.id, error);
      }
      return order.id;
    });
  }
}
