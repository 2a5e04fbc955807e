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
 * CONTACT_ME windows closed unanswered: each due line's own fallback applies (SHOPPER_PRESET_FALLBACK,
 * NO_ANSWER); lines whose window is still open keep waiting. One order per transaction; returns its
 * id, or nothing when none is due.
 */
@Injectable()
export class ApplyDeadlineFallbackUseCase {
  constructor(private readonly uow: OrderUnitOfWork, private readonly orders: OrderRepository) {}

  executeNext(now: Date, skip: readonly string[] = []): Promise<string | undefined> {
    return this.uow.transaction(undefined, async (tx) => {
      const order = await this.orders.lockNextDueForFallback(tx.manager, now, skip);
      if (!order) return undefined;
      try {
        const due = order.linesDueForFallback(now).map((id) => order.policyLine(id));
        order.applyDeadlineFallback(deadlineFallbackDecisions(due, now), now);
        await this.uow.save(tx, order);
      } catch (error) {
        throw new DeadlineFallbackFailedError(order.id, error);
      }
      return order.id;
    });
  }
}
