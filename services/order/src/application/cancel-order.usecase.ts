import { Injectable } from '@nestjs/common';
import { DecisionSource, ShortageResolution } from '@askfirst/contracts';
import { Decision } from '../domain/decision';
import { OrderUnitOfWork } from './order-unit-of-work';
import { AuthorizeShopper, OrderView } from './order-view';

/** The shopper cancels before dispatch: their own decision (SHOPPER), refunded after notice. */
@Injectable()
export class CancelOrderUseCase {
  constructor(private readonly uow: OrderUnitOfWork) {}

  execute(orderId: string, shopperId: string, authorize: AuthorizeShopper): Promise<OrderView> {
    return this.uow.transaction(undefined, async (tx) => {
      const order = await this.uow.lock(tx, orderId);
      authorize(order.shopperId);
      const now = new Date();
      order.cancel(Decision.record({
        source: DecisionSource.SHOPPER, resolution: ShortageResolution.CANCEL_ORDER, lineIds: order.lines.map((l) => l.id), decidedAt: now, decidedBy: shopperId,
      }), now);
      await this.uow.save(tx, order);
      return this.uow.view(tx, order);
    });
  }
}
