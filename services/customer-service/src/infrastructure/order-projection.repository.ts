import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { deferStatement } from '@askfirst/platform';
import { OrderLineView, OrderSnapshot } from '../application/order-projection.model';
import { TimelineRecord } from '../application/timeline.model';
import { PendingShortage } from '../domain/pending-shortage';
import { timelineInsert } from './timeline.repository';

const COLUMNS = 'order_id, shopper_id, store_id, placed_at, lines, pending_shortage';

// Plain SQL throughout: these run for every order event this service consumes and every case it shows.
// Writes whose answer nobody reads are deferred: they travel with the transaction's next statement.

/** The order projection; rows appear with the first event about an order, whichever it is. */
@Injectable()
export class OrderProjectionRepository {
  async find(manager: EntityManager, orderId: string): Promise<OrderSnapshot | null> {
    const [row] = await manager.query(`SELECT ${COLUMNS} FROM order_projections WHERE order_id = $1`, [orderId]);
    return row ? toSnapshot(row) : null;
  }

  /**
   * Locks the row for a read-modify-write, creating it for an order seen for the first time, in one
   * round trip: ON CONFLICT DO UPDATE locks the existing row (the no-op SET makes RETURNING return it).
   */
  async lockOrCreate(manager: EntityManager, orderId: string, shopperId: string): Promise<OrderSnapshot> {
    const [row] = await manager.query(
      `INSERT INTO order_projections (order_id, shopper_id) VALUES ($1, $2)
       ON CONFLICT (order_id) DO UPDATE SET order_id = EXCLUDED.order_id RETURNING ${COLUMNS}`,
      [orderId, shopperId],
    );
    return toSnapshot(row);
  }

  async save(manager: EntityManager, order: OrderSnapshot): Promise<void> {
    await manager.query(`UPDATE order_projections SET ${SET_FOLDED} WHERE order_id = $1`, savedParams(order));
  }

  /** save(), for a row locked by lockOrCreate, and the event's timeline entry: one statement. */
  async saveWithEntry(manager: EntityManager, order: OrderSnapshot, entry: TimelineRecord): Promise<void> {
    const params = savedParams(order);
    const timeline = timelineInsert(entry, params.length);
    await deferStatement(manager, `WITH saved AS (UPDATE order_projections SET ${SET_FOLDED} WHERE order_id = $1) ${timeline.sql}`, [...params, ...timeline.params]);
  }

  /**
   * For an event that changes nothing in the projection: creates the row if the order is new and adds
   * the timeline entry, in one statement. Nothing is read or written back, so no row lock is needed.
   */
  async ensureWithEntry(manager: EntityManager, orderId: string, shopperId: string, entry: TimelineRecord): Promise<void> {
    const timeline = timelineInsert(entry, 2);
    await deferStatement(
      manager,
      `WITH created AS (INSERT INTO order_projections (order_id, shopper_id) VALUES ($1, $2) ON CONFLICT (order_id) DO NOTHING) ${timeline.sql}`,
      [orderId, shopperId, ...timeline.params],
    );
  }
}

const SET_FOLDED = 'store_id = $2, placed_at = $3, lines = $4::jsonb, pending_shortage = $5::jsonb, updated_at = now()';

function savedParams(order: OrderSnapshot): unknown[] {
  return [order.orderId, order.storeId, order.placedAt, JSON.stringify(order.lines), order.pendingShortage === null ? null : JSON.stringify(order.pendingShortage)];
}

interface OrderProjectionRow {
  order_id: string;
  shopper_id: string;
  store_id: string | null;
  placed_at: Date | null;
  lines: OrderLineView[];
  pending_shortage: PendingShortage | null;
}

function toSnapshot(row: OrderProjectionRow): OrderSnapshot {
  return {
    orderId: row.order_id,
    shopperId: row.shopper_id,
    storeId: row.store_id,
    placedAt: row.placed_at,
    lines: row.lines,
    pendingShortage: row.pending_shortage,
  };
}
