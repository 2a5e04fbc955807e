import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { StockItem } from '../domain/stock-item';
import { SubstituteCandidate, SubstituteTarget } from '../domain/substitute-ranking';
import { StockItemEntity } from './stock-item.entity';

/** Stock rows. Every change goes through `lock` first, so two writers never interleave on one SKU. */
@Injectable()
export class StockItemRepository {
  async find(manager: EntityManager, storeId: string, sku: string): Promise<StockItem | null> {
    const row = await manager.findOneBy(StockItemEntity, { storeId, sku });
    return row ? toDomain(row) : null;
  }

  async findMany(manager: EntityManager, storeId: string, skus: readonly string[]): Promise<StockItem[]> {
    if (!skus.length) return [];
    const rows = await manager
      .createQueryBuilder(StockItemEntity, 's')
      .where('s.storeId = :storeId AND s.sku IN (:...skus)', { storeId, skus: [...skus] })
      .orderBy('s.sku', 'ASC')
      .getMany();
    return rows.map(toDomain);
  }

  /**
   * `SELECT … FOR UPDATE` in SKU order: every transaction locks stock rows in the same order (and
   * before any reservation row), so concurrent reservations queue up instead of deadlocking.
   */
  async lock(manager: EntityManager, storeId: string, skus: readonly string[]): Promise<Map<string, StockItem>> {
    const unique = [...new Set(skus)].sort();
    if (!unique.length) return new Map();
    const rows = await manager
      .createQueryBuilder(StockItemEntity, 's')
      .setLock('pessimistic_write')
      .where('s.storeId = :storeId AND s.sku IN (:...skus)', { storeId, skus: unique })
      .orderBy('s.sku', 'ASC')
      .getMany();
    return new Map(rows.map((row) => [row.sku, toDomain(row)]));
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

  async save(manager: EntityManager, item: StockItem): Promise<void> {
    const s = item.snapshot();
    await manager.update(
      StockItemEntity,
      { storeId: s.storeId, sku: s.sku },
      { name: s.name, category: s.category, unitPriceCents: s.unitPriceCents, onHand: s.onHand, reserved: s.reserved, restockEta: s.restockEta, updatedAt: () => 'now()' },
    );
  }

  /** Same store and category, enough available, closest price first; the domain ranks the final answer. */
  async substituteCandidates(manager: EntityManager, storeId: string, target: SubstituteTarget, minAvailable: number, limit: number): Promise<SubstituteCandidate[]> {
    const rows = await manager
      .createQueryBuilder(StockItemEntity, 's')
      .where('s.storeId = :storeId AND s.category = :category AND s.sku <> :sku', { storeId, category: target.category, sku: target.sku })
      .andWhere('s.onHand - s.reserved >= :minAvailable', { minAvailable: Math.max(1, minAvailable) })
      .orderBy('abs(s.unit_price_cents - :price)', 'ASC')
      .addOrderBy('s.unitPriceCents', 'ASC')
      .addOrderBy('s.sku', 'ASC')
      .setParameter('price', target.unitPriceCents)
      .limit(limit)
      .getMany();
    return rows.map((r) => ({ sku: r.sku, name: r.name, category: r.category, unitPriceCents: r.unitPriceCents, available: r.onHand - r.reserved }));
  }
}

function toDomain(row: StockItemEntity): StockItem {
  return StockItem.restore({
    storeId: row.storeId,
    sku: row.sku,
    name: row.name,
    category: row.category,
    unitPriceCents: row.unitPriceCents,
    onHand: row.onHand,
    reserved: row.reserved,
    restockEta: row.restockEta,
  });
}
