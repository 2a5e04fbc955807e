import { Injectable } from '@nestjs/common';
import { Order } from '../domain/order.aggregate';
import { OrderUnitOfWork } from './order-unit-of-work';
import { OrderView } from './order-view';

export type FulfilmentStep = 'picking-started' | 'ready' | 'dispatched' | 'delivered';

const STEPS: Record<FulfilmentStep, (order: Order, now: Date) => void> = {
  'picking-started': (o, now) => o.startPicking(now),
  ready: (o, now) => o.markReady(now),
  dispatched: (o, now) => o.dispatch(now),
  delivered: (o, now) => o.deliver(now),
};

/** Picker and courier apps report progress; the state machine refuses a step out of order. */
@Injectable()
export class AdvanceFulfilmentUseCase {
  constructor(private readonly uow: OrderUnitOfWork) {}

  execute(orderId: string, step: FulfilmentStep): Promise<OrderView> {
    return this.uow.transaction(undefined, async (tx) => {
      const order = await this.uow.lock(tx, orderId);
      STEPS[step](order, new Date());
      await this.uow.save(tx, order);
      return this.uow.view(tx, order);
    });
  }
}
