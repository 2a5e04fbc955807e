import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { StockItemRepository } from '../infrastructure/stock-item.repository';
import { StockItemNotFoundException } from './inventory.exceptions';
import { StockLevel, toStockLevel } from './stock-level.view';

/** Reads stock for one SKU or a list of them; unknown SKUs are named, not an error, for a list. */
@Injectable()
export class GetStockLevelsUseCase {
  constructor(private readonly dataSource: DataSource, private readonly stockItems: StockItemRepository) {}

  async one(storeId: string, sku: string): Promise<StockLevel> {
    const item = await this.stockItems.find(this.dataSource.manager, storeId, sku);
    if (!item) throw new StockItemNotFoundException(storeId, sku);
    return toStockLevel(item);
  }

  async many(storeId: string, skus: readonly string[]): Promise<{ items: StockLevel[]; unknownSkus: string[] }> {
    const items = (await this.stockItems.findMany(this.dataSource.manager, storeId, [...new Set(skus)])).map(toStockLevel);
    const known = new Set(items.map((i) => i.sku));
    return { items, unknownSkus: [...new Set(skus)].filter((s) => !known.has(s)) };
  }
}
