import { Injectable } from '@nestjs/common';
import { Order } from '../domain/order.aggregate';
import { OrderRepository } from '../infrastructure/order.repository';
import { OrderPageCursor } from './order-view';
import { OrderUnitOfWork } from './order-unit-of-work';

export interface OrderPage {
  orders: Order[];
  next?: OrderPageCursor;
}

@Injectable()
export class ListOrdersUseCase {
  constructor(private readonly uow: OrderUnitOfWork, private readonly orders: OrderRepository) {}

  execute(shopperId: string, limit: number, after?: OrderPageCursor): Promise<OrderPage> {
    return this.uow.transaction(undefined, async (tx) => {
      // One extra row says whether there is a next page.
      const found = await this.orders.listByShopper(tx.manager, shopperId, limit + 1, after);
      const orders = found.slice(0, limit);
      const last = orders.at(-1);
      return { orders, ...(found.length > limit && last ? { next: { placedAt: last.snapshot().placedAt, id: last.id } } : {}) };
    });
  }
}
