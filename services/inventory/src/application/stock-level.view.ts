import { StockItem } from '../domain/stock-item';

/** What callers see of a stock item; the API maps it to its response class. */
export interface StockLevel {
  storeId: string;
  sku: string;
  name: string;
  category: string;
  unitPriceCents: number;
  onHand: number;
  reserved: number;
  available: number;
  restockEta: string | null;
}

export function toStockLevel(item: StockItem): StockLevel {
  return {
    storeId: item.storeId,
    sku: item.sku,
    name: item.name,
    category: item.category,
    unitPriceCents: item.unitPriceCents,
    onHand: item.onHand,
    reserved: item.reserved,
    available: item.available,
    restockEta: item.restockEta?.toISOString() ?? null,
  };
}
