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
    // Plain SQL on this path: it runs for every order event this service consumes.
    const [row] = await manager.query(
      `SELECT order_id, shopper_id, store_id, placed_at, lines, pending_shortage FROM order_projections WHERE order_id = $1 FOR UPDATE`,
      [orderId],
    );
    return {
      orderId: row.order_id, shopperId: row.shopper_id, storeId: row.store_id, placedAt: row.placed_at, lines: row.lines, pendingShortage: row.pending_shortage,
    };
  }

  async save(manager: EntityManager, order: OrderSnapshot): Promise<void> {
    await manager.query(
      `UPDATE order_projections SET store_id = $2, placed_at = $3, lines = $4::jsonb, pending_shortage = $5::jsonb, updated_at = now() WHERE order_id = $1`,
      [order.orderId, order.storeId, order.placedAt, JSON.stringify(order.lines), order.pendingShortage === null ? null : JSON.stringify(order.pendingShortage)],
    );
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
