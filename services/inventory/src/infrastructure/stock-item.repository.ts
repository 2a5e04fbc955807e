import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { StockItem } from '../domain/stock-item';
import { SubstituteCandidate, SubstituteTarget } from '../domain/substitute-ranking';

// Plain SQL throughout: these statements run for every consumed event, and TypeORM's query
// building and hydration cost more CPU than the queries themselves.

interface StockRow {
  store_id: string;
  sku: string;
  name: string;
  category: string;
  unit_price_cents: number;
  on_hand: number;
  reserved: number;
  restock_eta: Date | null;
}

export interface ShortSku {
  item: StockItem;
  /** Same category, at least one unit available, closest price first. */
  candidates: SubstituteCandidate[];
}

const COLUMNS = 'store_id, sku, name, category, unit_price_cents, on_hand, reserved, restock_eta';

/** Stock rows. Every change goes through `lock` first, so two writers never interleave on one SKU. */
@Injectable()
export class StockItemRepository {
  async find(manager: EntityManager, storeId: string, sku: string): Promise<StockItem | null> {
    const rows: StockRow[] = await manager.query(`SELECT ${COLUMNS} FROM stock_items WHERE store_id = $1 AND sku = $2`, [storeId, sku]);
    return rows.length ? toDomain(rows[0]) : null;
  }

  async findMany(manager: EntityManager, storeId: string, skus: readonly string[]): Promise<StockItem[]> {
    if (!skus.length) return [];
    const rows: StockRow[] = await manager.query(
      `SELECT ${COLUMNS} FROM stock_items WHERE store_id = $1 AND sku = ANY($2::text[]) ORDER BY sku`,
      [storeId, [...skus]],
    );
    return rows.map(toDomain);
  }

  /**
   * `SELECT … FOR UPDATE` in SKU order: every transaction locks stock rows in the same order (and
   * before any reservation row), so concurrent reservations queue up instead of deadlocking.
   */
  async lock(manager: EntityManager, storeId: string, skus: readonly string[]): Promise<Map<string, StockItem>> {
    return this.lockWhere(manager, storeId, skus, '', []);
  }

  /**
   * `lock` for a new order's reservation; locks and returns nothing when the order already has one
   * (a redelivered order.placed), whose insert the caller then sees refused.
   */
  async lockForNewReservation(manager: EntityManager, storeId: string, skus: readonly string[], orderId: string): Promise<Map<string, StockItem>> {
    return this.lockWhere(manager, storeId, skus, 'AND NOT EXISTS (SELECT 1 FROM reservations WHERE order_id = $3)', [orderId]);
  }

  /** Creates the row unless another request just did; the caller then locks and updates it. */
  async insertIfAbsent(manager: EntityManager, item: StockItem): Promise<boolean> {
    const s = item.snapshot();
    const inserted: unknown[] = await manager.query(
      `INSERT INTO stock_items (store_id, sku, name, category, unit_price_cents, on_hand, reserved, restock_eta)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (store_id, sku) DO NOTHING RETURNING sku`,
      [s.storeId, s.sku, s.name, s.category, s.unitPriceCents, s.onHand, s.reserved, s.restockEta],
    );
    return inserted.length > 0;
  }

  /** Writes the whole row: catalogue details and counts. */
  async save(manager: EntityManager, item: StockItem): Promise<void> {
    const s = item.snapshot();
    await manager.query(
      `UPDATE stock_items SET name = $3, category = $4, unit_price_cents = $5, on_hand = $6, reserved = $7, restock_eta = $8, updated_at = now()
        WHERE store_id = $1 AND sku = $2`,
      [s.storeId, s.sku, s.name, s.category, s.unitPriceCents, s.onHand, s.reserved, s.restockEta],
    );
  }

  /**
   * Writes on-hand and reserved (all that holds, releases and losses change) in one statement. Rows
   * that did not move are written too, on purpose: a row only locked, never updated, keeps every
   * waiter in one long lock wait, and group transactions then hit their lock timeout and rerun.
   */
  async saveCounts(manager: EntityManager, items: Iterable<StockItem>): Promise<void> {
    const all = [...items];
    if (!all.length) return;
    await manager.query(
      `UPDATE stock_items s SET on_hand = v.on_hand, reserved = v.reserved, updated_at = now()
         FROM unnest($1::text[], $2::text[], $3::int[], $4::int[]) AS v(store_id, sku, on_hand, reserved)
        WHERE s.store_id = v.store_id AND s.sku = v.sku`,
      [all.map((i) => i.storeId), all.map((i) => i.sku), all.map((i) => i.onHand), all.map((i) => i.reserved)],
    );
  }

  /** Same store and category, enough available, closest price first; the domain ranks the final answer. */
  async substituteCandidates(manager: EntityManager, storeId: string, target: SubstituteTarget, minAvailable: number, limit: number): Promise<SubstituteCandidate[]> {
    const rows: StockRow[] = await manager.query(
      `SELECT ${COLUMNS} FROM stock_items
        WHERE store_id = $1 AND category = $2 AND sku <> $3 AND on_hand - reserved >= $4
        ORDER BY abs(unit_price_cents - $5), unit_price_cents, sku LIMIT $6`,
      [storeId, target.category, target.sku, Math.max(1, minAvailable), target.unitPriceCents, limit],
    );
    return rows.map((r) => ({ sku: r.sku, name: r.name, category: r.category, unitPriceCents: r.unit_price_cents, available: r.on_hand - r.reserved }));
  }

  /** The listed SKUs among `skus`, each with `substituteCandidates(…, 1, poolSize)`, in one statement. */
  async findWithSubstitutes(manager: EntityManager, storeId: string, skus: readonly string[], poolSize: number): Promise<Map<string, ShortSku>> {
    if (!skus.length) return new Map();
    const rows: (StockRow & { candidates: SubstituteCandidate[] })[] = await manager.query(
      `SELECT t.*, coalesce(c.candidates, '[]'::json) AS candidates
         FROM (SELECT ${COLUMNS} FROM stock_items WHERE store_id = $1 AND sku = ANY($2::text[])) t
         CROSS JOIN LATERAL (
           SELECT json_agg(json_build_object('sku', o.sku, 'name', o.name, 'category', o.category, 'unitPriceCents', o.unit_price_cents,
                    'available', o.on_hand - o.reserved) ORDER BY abs(o.unit_price_cents - t.unit_price_cents), o.unit_price_cents, o.sku) AS candidates
             FROM (SELECT * FROM stock_items s
                    WHERE s.store_id = t.store_id AND s.category = t.category AND s.sku <> t.sku AND s.on_hand - s.reserved >= 1
                    ORDER BY abs(s.unit_price_cents - t.unit_price_cents), s.unit_price_cents, s.sku LIMIT $3) o
         ) c
        ORDER BY t.sku`,
      [storeId, [...new Set(skus)], poolSize],
    );
    return new Map(rows.map((r) => [r.sku, { item: toDomain(r), candidates: r.candidates }]));
  }

  private async lockWhere(manager: EntityManager, storeId: string, skus: readonly string[], extra: string, params: unknown[]): Promise<Map<string, StockItem>> {
    const unique = [...new Set(skus)].sort();
    if (!unique.length) return new Map();
    const rows: StockRow[] = await manager.query(
      `SELECT ${COLUMNS} FROM stock_items WHERE store_id = $1 AND sku = ANY($2::text[]) ${extra} ORDER BY sku FOR UPDATE`,
      [storeId, unique, ...params],
    );
    return new Map(rows.map((row) => [row.sku, toDomain(row)]));
  }
}

function toDomain(row: StockRow): StockItem {
  return StockItem.restore({
    storeId: row.store_id,
    sku: row.sku,
    name: row.name,
    category: row.category,
    unitPriceCents: row.unit_price_cents,
    onHand: row.on_hand,
    reserved: row.reserved,
    restockEta: row.restock_eta,
  });
}
