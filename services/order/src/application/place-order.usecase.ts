import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { RequestContext } from '@askfirst/platform';
import { Order, OrderRules, PlaceOrderInput } from '../domain/order.aggregate';
import { IdempotencyKeyRepository } from '../infrastructure/idempotency-key.repository';
import { IdempotencyKeyReusedError } from './order-errors';
import { ORDER_RULES } from './order-rules.token';
import { OrderUnitOfWork } from './order-unit-of-work';
import { OrderView } from './order-view';

export interface PlaceOrderCommand extends Omit<PlaceOrderInput, 'id' | 'correlationId'> {
  /** Same key and same request fingerprint: the same order comes back. */
  idempotency?: { key: string; fingerprint: string };
}

export interface PlaceOrderResult {
  created: boolean;
  view: OrderView;
}

@Injectable()
export class PlaceOrderUseCase {
  constructor(
    private readonly uow: OrderUnitOfWork,
    private readonly keys: IdempotencyKeyRepository,
    @Inject(ORDER_RULES) private readonly rules: OrderRules,
  ) {}

  execute({ idempotency, ...input }: PlaceOrderCommand): Promise<PlaceOrderResult> {
    return this.uow.transaction(undefined, async (tx) => {
      const id = randomUUID();
      if (idempotency) {
        const claim = await this.keys.claim(tx.manager, input.shopperId, idempotency.key, idempotency.fingerprint, id);
        if (!claim.claimed) {
          if (claim.requestHash !== idempotency.fingerprint) throw new IdempotencyKeyReusedError(claim.orderId);
          return { created: false, view: await this.uow.view(tx, await this.uow.lock(tx, claim.orderId)) };
        }
      }
      const order = Order.place({ ...input, id, correlationId: RequestContext.correlationId() ?? randomUUID() }, new Date(), this.rules);
      return { created: true, view: await this.uow.saveNew(tx, order) };
    });
  }
}
