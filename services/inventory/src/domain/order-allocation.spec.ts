import { allocateOrderLines, isFullyHeld } from './order-allocation';
import { StockItem } from './stock-item';

const stock = (entries: [string, number, number?][]) =>
  new Map(entries.map(([sku, onHand, reserved = 0]) => [sku, StockItem.restore({ storeId: 's1', sku, name: sku, category: 'c', unitPriceCents: 100, restockEta: null, onHand, reserved })]));

describe('allocateOrderLines', () => {
  it('holds every line in full when stock allows', () => {
    const items = stock([['CAKE', 1], ['CHIPS', 10]]);
    const result = allocateOrderLines([{ lineId: 'l1', sku: 'CAKE', quantity: 1 }, { lineId: 'l2', sku: 'CHIPS', quantity: 3 }], items);
    expect(result.map((a) => a.quantityHeld)).toEqual([1, 3]);
    expect(isFullyHeld(result)).toBe(true);
    expect(items.get('CHIPS')!.reserved).toBe(3);
  });

  it('holds what is there when a line is short (3 ordered, 1 left)', () => {
    const items = stock([['CAKE', 4, 3]]);
    const [line] = allocateOrderLines([{ lineId: 'l1', sku: 'CAKE', quantity: 3 }], items);
    expect(line).toEqual({ lineId: 'l1', sku: 'CAKE', quantityOrdered: 3, quantityHeld: 1 });
    expect(items.get('CAKE')!.available).toBe(0);
  });

  it('treats a SKU the store does not list as fully short', () => {
    const result = allocateOrderLines([{ lineId: 'l1', sku: 'GHOST', quantity: 2 }], stock([]));
    expect(result).toEqual([{ lineId: 'l1', sku: 'GHOST', quantityOrdered: 2, quantityHeld: 0 }]);
    expect(isFullyHeld(result)).toBe(false);
  });

  it('lets lines of the same SKU share what is available, in line order', () => {
    const items = stock([['EGG', 5]]);
    const result = allocateOrderLines([{ lineId: 'a', sku: 'EGG', quantity: 3 }, { lineId: 'b', sku: 'EGG', quantity: 3 }], items);
    expect(result.map((a) => a.quantityHeld)).toEqual([3, 2]);
    expect(items.get('EGG')!.reserved).toBe(5);
  });

  it('never holds more than on-hand, whatever the order of requests', () => {
    for (let run = 0; run < 200; run++) {
      const onHand = run % 7;
      const items = stock([['X', onHand]]);
      const requests = Array.from({ length: 1 + (run % 5) }, (_, i) => ({ lineId: `l${i}`, sku: 'X', quantity: 1 + ((run * (i + 3)) % 4) }));
      const held = allocateOrderLines(requests, items).reduce((s, a) => s + a.quantityHeld, 0);
      expect(held).toBe(Math.min(onHand, requests.reduce((s, r) => s + r.quantity, 0)));
      expect(items.get('X')!.reserved).toBeLessThanOrEqual(onHand);
    }
  });
});
