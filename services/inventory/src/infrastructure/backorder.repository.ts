import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { Backorder, BackorderStatus } from '../domain/backorder';

// Plain SQL throughout: these statements run for consumed events (cancel, dispatch, refund,
// back-order), where TypeORM's query building costs more CPU than the queries themselves.

export interface NewBackorder {
  orderId: string;
  lineId: string;
  storeId: string;
  sku: string;
  quantity: number;
}

interface BackorderRow {
  id: string;
  seq: string;
  order_id: string;
  line_id: string;
  store_id: string;
  sku: string;
  quantity: number;
  quantity_filled: number;
  status: BackorderStatus;
  queued_at: Date;
}

const COLUMNS = 'id, seq, order_id, line_id, store_id, sku, quantity, quantity_filled, status, queued_at';

@Injectable()
export class BackorderRepository {
  async add(manager: EntityManager, backorder: NewBackorder): Promise<void> {
    await manager.query(
      `INSERT INTO backorders (id, order_id, line_id, store_id, sku, quantity, quantity_filled, status, closed_at)
       VALUES ($1, $2, $3, $4, $5, $6, 0, $7, NULL)`,
      [randomUUID(), backorder.orderId, backorder.lineId, backorder.storeId, backorder.sku, backorder.quantity, BackorderStatus.WAITING],
    );
  }

  /** Waiting back-orders of a SKU in order of arrival, locked for filling. */
  async lockWaiting(manager: EntityManager, storeId: string, sku: string): Promise<Backorder[]> {
    const rows: BackorderRow[] = await manager.query(
      `SELECT ${COLUMNS} FROM backorders WHERE store_id = $1 AND sku = $2 AND status = $3 ORDER BY seq FOR UPDATE`,
      [storeId, sku, BackorderStatus.WAITING],
    );
    return rows.map(toDomain);
  }

  /** Which of `skus` have a back-order waiting; stable while the caller holds those SKUs' stock locks. */
  async skusWaiting(manager: EntityManager, storeId: string, skus: readonly string[]): Promise<Set<string>> {
    if (!skus.length) return new Set();
    const rows: { sku: string }[] = await manager.query(
      `SELECT DISTINCT sku FROM backorders WHERE store_id = $1 AND sku = ANY($2::text[]) AND status = $3`,
      [storeId, [...skus], BackorderStatus.WAITING],
    );
    return new Set(rows.map((r) => r.sku));
  }

  async listForOrder(manager: EntityManager, orderId: string): Promise<Backorder[]> {
    const rows: BackorderRow[] = await manager.query(`SELECT ${COLUMNS} FROM backorders WHERE order_id = $1 ORDER BY seq`, [orderId]);
    return rows.map(toDomain);
  }

  /** Filled quantity and status of each back-order in one statement; closed_at is set when it stops waiting. */
  async saveMany(manager: EntityManager, backorders: readonly Backorder[]): Promise<void> {
    if (!backorders.length) return;
    await manager.query(
      `UPDATE backorders b SET quantity_filled = v.quantity_filled, status = v.status,
              closed_at = CASE WHEN v.status = $4 THEN NULL ELSE now() END
         FROM unnest($1::uuid[], $2::int[], $3::text[]) AS v(id, quantity_filled, status)
        WHERE b.id = v.id`,
      [backorders.map((b) => b.id), backorders.map((b) => b.quantityFilled), backorders.map((b) => b.status), BackorderStatus.WAITING],
    );
  }

  /** The order no longer waits (cancelled, dispatched, or the line was refunded). */
  async cancelWaiting(manager: EntityManager, orderId: string, only?: { lineId: string; sku: string }): Promise<void> {
    await manager.query(
      `UPDATE backorders SET status = $2, closed_at = now()
        WHERE order_id = $1 AND status = $3 ${only ? 'AND line_id = $4 AND sku = $5' : ''}`,
      [orderId, BackorderStatus.CANCELLED, BackorderStatus.WAITING, ...(only ? [only.lineId, only.sku] : [])],
    );
  }
}

function toDomain(row: BackorderRow): Backorder {
  return {
    id: row.id,
    seq: Number(row.seq),
    orderId: row.order_id,
    lineId: row.line_id,
    storeId: row.store_id,
    sku: row.sku,
    quantity: row.quantity,
    quantityFilled: row.quantity_filled,
    status: row.status,
    queuedAt: row.queued_at,
  };
}
