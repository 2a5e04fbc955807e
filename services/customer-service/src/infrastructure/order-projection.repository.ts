import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { OrderSnapshot } from '../application/order-projection.model';
import { OrderProjectionEntity } from './order-projection.entity';

/** The order projection; rows appear with the first event about an order, whichever it is. */
@Injectable()
export class OrderProjectionRepository {
  async find(manager: EntityManager, orderId: string): Promise<OrderSnapshot | null> {
    const row = await manager.findOneBy(OrderProjectionEntity, { orderId });
    return row ? toSnapshot(row) : null;
  }

  /** Locks the row for a read-modify-write, creating it for an order seen for the first time. */
  async lockOrCreate(manager: EntityManager, orderId: string, shopperId: string): Promise<OrderSnapshot> {
    await manager.query(
      `INSERT INTO order_projections (order_id, shopper_id) VALUES ($1, $2) ON CONFLICT (order_id) DO NOTHING`,
      [orderId, shopperId],
    );
    const row = await manager
      .createQueryBuilder(OrderProjectionEntity, 'o')
      .where('o.order_id = :orderId', { orderId })
      .setLock('pessimistic_write')
      .getOneOrFail();
    return toSnapshot(row);
  }

  async save(manager: EntityManager, order: OrderSnapshot): Promise<void> {
    await manager.update(OrderProjectionEntity, { orderId: order.orderId }, {
      storeId: order.storeId,
      placedAt: order.placedAt,
      lines: order.lines,
      pendingShortage: order.pendingShortage,
      updatedAt: new Date(),
    });
  }
}

function toSnapshot(row: OrderProjectionEntity): OrderSnapshot {
  return {
    orderId: row.orderId,
    shopperId: row.shopperId,
    storeId: row.storeId,
    placedAt: row.placedAt,
    lines: row.lines,
    pendingShortage: row.pendingShortage,
  };
}
