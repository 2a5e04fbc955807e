import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { deferStatement } from '@askfirst/platform';
import { StockItem } from '../domain/stock-item';

export interface AdjustmentRecord {
  reason: string;
  delta: number;
  orderId?: string;
  actor: string;
}

@Injectable()
export class StockAdjustmentRepository {
  // Plain SQL: recorded with every picking shortage and restock, where TypeORM's insert builder costs more CPU than the insert.
  async record(manager: EntityManager, item: StockItem, entry: AdjustmentRecord): Promise<void> {
    // Nothing waits for it: it travels with the transaction's next statement (often the COMMIT).
    await deferStatement(
      manager,
      `INSERT INTO stock_adjustments (store_id, sku, reason, delta, on_hand_after, reserved_after, order_id, actor)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [item.storeId, item.sku, entry.reason, entry.delta, item.onHand, item.reserved, entry.orderId ?? null, entry.actor],
    );
  }
}
