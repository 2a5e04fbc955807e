import { Injectable } from '@nestjs/common';
import { DecisionSource, ShortageResolution } from '@askfirst/contracts';
import { Decision } from '../domain/decision';
import { OrderUnitOfWork } from './order-unit-of-work';
import { AuthorizeShopper, OrderView } from './order-view';

export interface RecordShopperDecisionCommand {
  orderId: string;
  resolution: ShortageResolution;
  /** Default: every line waiting for a decision. A back-ordered line (a change of mind) must be named. */
  lineIds?: string[];
  substituteSku?: string;
  shopperId: string;
  authorize: AuthorizeShopper;
}

/** The shopper's own answer, from the app or through a decision link (source SHOPPER). */
@Injectable()
export class RecordShopperDecisionUseCase {
  constructor(private readonly uow: OrderUnitOfWork) {}

  execute(command: RecordShopperDecisionCommand): Promise<OrderView> {
    // When the shopper answered: a request that queued behind the decision back-ordering a line did not change it.
    const madeAt = new Date();
    return this.uow.transaction(undefined, async (tx) => {
      const order = await this.uow.lock(tx, command.orderId);
      command.authorize(order.shopperId);
      const now = new Date();
      order.decide(Decision.record({
        source: DecisionSource.SHOPPER, resolution: command.resolution, lineIds: order.linesToDecide(command.lineIds),
        substituteSku: command.substituteSku, decidedAt: now, decidedBy: command.shopperId,
      }), now, madeAt);
      await this.uow.save(tx, order);
      return this.uow.view(tx, order);
    });
  }
}
