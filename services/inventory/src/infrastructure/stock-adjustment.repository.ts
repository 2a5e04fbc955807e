import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { StockItem } from '../domain/stock-item';
import { StockAdjustmentEntity } from './stock-adjustment.entity';

export interface AdjustmentRecord {
  reason: string;
  delta: number;
  orderId?: string;
  actor: string;
}

@Injectable()
export class StockAdjustmentRepository {
  async record(manager: EntityManager, item: StockItem, entry: AdjustmentRecord): Promise<void> {
    await manager.insert(StockAdjustmentEntity, {
      storeId: item.storeId,
      sku: item.sku,
      reason: entry.reason,
      delta: entry.delta,
      onHandAfter: item.onHand,
      reservedAfter: item.reserved,
      orderId: entry.orderId ?? null,
      actor: entry.actor,
    });
  }
}
