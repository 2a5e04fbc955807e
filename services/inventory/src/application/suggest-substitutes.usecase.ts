import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { rankSubstitutes, SubstituteCandidate } from '../domain/substitute-ranking';
import { StockItemRepository } from '../infrastructure/stock-item.repository';
import { StockItemNotFoundException } from './inventory.exceptions';

/** The substitutes a shopper or agent would be offered for a SKU right now. */
@Injectable()
export class SuggestSubstitutesUseCase {
  constructor(private readonly dataSource: DataSource, private readonly stockItems: StockItemRepository) {}

  async execute(storeId: string, sku: string, quantity: number, limit: number): Promise<SubstituteCandidate[]> {
    const original = await this.stockItems.find(this.dataSource.manager, storeId, sku);
    if (!original) throw new StockItemNotFoundException(storeId, sku);
    const pool = await this.stockItems.substituteCandidates(this.dataSource.manager, storeId, original, quantity, Math.max(20, limit));
    return rankSubstitutes(original, pool, { minAvailable: quantity, limit });
  }
}
