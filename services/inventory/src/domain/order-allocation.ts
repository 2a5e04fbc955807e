import { LineAllocation } from './reservation';
import { StockItem } from './stock-item';

export interface LineRequest {
  lineId: string;
  sku: string;
  quantity: number;
}

/**
 * Holds what each line can get, in line order, from stock the caller has locked. Lines sharing a
 * SKU draw from the same item; a SKU the store does not list is simply short.
 */
export function allocateOrderLines(requests: readonly LineRequest[], stock: ReadonlyMap<string, StockItem>): LineAllocation[] {
  return requests.map((request) => {
    const item = stock.get(request.sku);
    const quantityHeld = item ? item.holdUpTo(request.quantity) : 0;
    return { lineId: request.lineId, sku: request.sku, quantityOrdered: request.quantity, quantityHeld };
  });
}

export function isFullyHeld(allocations: readonly LineAllocation[]): boolean {
  return allocations.every((a) => a.quantityHeld === a.quantityOrdered);
}
