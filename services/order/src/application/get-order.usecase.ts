import { Injectable } from '@nestjs/common';
import { OrderNotFoundError } from './order-errors';
import { OrderUnitOfWork } from './order-unit-of-work';
import { AuthorizeShopper, OrderView } from './order-view';

@Injectable()
export class GetOrderUseCase {
  constructor(private readonly uow: OrderUnitOfWork) {}

  execute(orderId: string, authorize: AuthorizeShopper): Promise<OrderView> {
    return this.uow.transaction(undefined, async (tx) => {
      const order = await this.uow.find(tx, orderId);
      if (!order) throw new OrderNotFoundError(orderId);
      authorize(order.shopperId);
      return this.uow.view(tx, order);
    });
  }
}
