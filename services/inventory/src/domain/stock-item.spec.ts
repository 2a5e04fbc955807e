import { InventoryRule, InventoryRuleError } from './inventory-rule.error';
import { MAX_ON_HAND, StockItem } from './stock-item';

const details = { name: 'Cream cake', category: 'cakes', unitPriceCents: 1299, restockEta: null };
const item = (onHand: number, reserved = 0) => StockItem.restore({ storeId: 's1', sku: 'CAKE', ...details, onHand, reserved });

describe('StockItem (I3: 0 <= reserved <= onHand)', () => {
  it('refuses to exist in a state that breaks I3', () => {
    expect(() => item(1, 2)).toThrow(InventoryRuleError);
    expect(() => item(-1, 0)).toThrow(InventoryRuleError);
    expect(() => item(1, -1)).toThrow(InventoryRuleError);
    expect(() => item(MAX_ON_HAND + 1)).toThrow(InventoryRuleError);
    expect(() => item(1.5)).toThrow(InventoryRuleError);
  });

  it('creates with no reservations', () => {
    const created = StockItem.create('s1', 'CAKE', details, 4);
    expect([created.onHand, created.reserved, created.available]).toEqual([4, 0, 4]);
  });

  describe('holdUpTo', () => {
    it.each([
      [5, 0, 3, 3, 3],
      [5, 2, 3, 3, 5],
      [5, 4, 3, 1, 5],
      [5, 5, 3, 0, 5],
      [0, 0, 1, 0, 0],
    ])('onHand %i reserved %i, request %i → holds %i, reserved %i', (onHand, reserved, request, held, after) => {
      const stock = item(onHand, reserved);
      expect(stock.holdUpTo(request)).toBe(held);
      expect(stock.reserved).toBe(after);
      expect(stock.reserved).toBeLessThanOrEqual(stock.onHand);
    });

    it.each([0, -1, 1.5])('refuses a request of %p', (q) => {
      expect(() => item(5).holdUpTo(q)).toThrow(InventoryRuleError);
    });
  });

  it('holdExactly holds all or nothing', () => {
    const stock = item(3, 1);
    expect(stock.holdExactly(3)).toBe(false);
    expect(stock.reserved).toBe(1);
    expect(stock.holdExactly(2)).toBe(true);
    expect(stock.reserved).toBe(3);
  });

  it('release gives units back and never below zero', () => {
    const stock = item(3, 2);
    stock.release(2);
    expect(stock.reserved).toBe(0);
    expect(() => stock.release(1)).toThrow(expect.objectContaining({ rule: InventoryRule.NO_OVERSELL }));
  });

  it('commit lowers on-hand and reserved together', () => {
    const stock = item(5, 3);
    stock.commit(3);
    expect([stock.onHand, stock.reserved]).toEqual([2, 0]);
    expect(() => stock.commit(1)).toThrow(InventoryRuleError);
  });

  it('restock adds units up to the on-hand limit', () => {
    const stock = item(5);
    stock.restock(10);
    expect(stock.onHand).toBe(15);
    expect(stock.canRestock(MAX_ON_HAND)).toBe(false);
    expect(() => stock.restock(MAX_ON_HAND)).toThrow(expect.objectContaining({ rule: InventoryRule.ON_HAND_LIMIT }));
  });

  describe('loseUnits (picker: missing, damaged)', () => {
    it.each([
      // onHand, reserved, lost → onHand, reserved, delta, taken from reservations
      [5, 2, 1, 4, 2, -1, 0],
      [5, 5, 1, 4, 4, -1, 1],
      [1, 1, 1, 0, 0, -1, 1],
      [3, 2, 10, 0, 0, -3, 2],
      [0, 0, 1, 0, 0, 0, 0],
    ])('onHand %i reserved %i, lose %i → onHand %i reserved %i (delta %i, taken %i)', (onHand, reserved, lost, afterOnHand, afterReserved, delta, taken) => {
      const stock = item(onHand, reserved);
      expect(stock.loseUnits(lost)).toEqual({ delta, unitsTakenFromReservations: taken });
      expect([stock.onHand, stock.reserved]).toEqual([afterOnHand, afterReserved]);
    });
  });

  describe('recount', () => {
    it.each([
      [5, 2, 8, 8, 2, 3, 0],
      [5, 4, 2, 2, 2, -3, 2],
      [5, 0, 0, 0, 0, -5, 0],
      [5, 5, 5, 5, 5, 0, 0],
    ])('onHand %i reserved %i, counted %i → onHand %i reserved %i (delta %i, taken %i)', (onHand, reserved, counted, afterOnHand, afterReserved, delta, taken) => {
      const stock = item(onHand, reserved);
      expect(stock.recount(counted)).toEqual({ delta, unitsTakenFromReservations: taken });
      expect([stock.onHand, stock.reserved]).toEqual([afterOnHand, afterReserved]);
    });

    it.each([-1, 1.5, MAX_ON_HAND + 1])('refuses a count of %p', (counted) => {
      expect(() => item(5).recount(counted)).toThrow(InventoryRuleError);
    });

    it('counts only the shelf: units packed in bags still exist and stay reserved', () => {
      const stock = item(5, 4); // 3 of the 4 reserved are packed
      expect(stock.recount(0, 3)).toEqual({ delta: -2, unitsTakenFromReservations: 1 });
      expect([stock.onHand, stock.reserved]).toEqual([3, 3]);
    });
  });

  describe('loseUnits never reaches units packed in bags', () => {
    it('on-hand stops at what is packed', () => {
      const stock = item(5, 4);
      expect(stock.loseUnits(5, 3)).toEqual({ delta: -2, unitsTakenFromReservations: 1 });
      expect([stock.onHand, stock.reserved]).toEqual([3, 3]);
    });
  });

  it('describe changes the catalogue entry, never the stock', () => {
    const stock = item(5, 2);
    stock.describe({ name: 'Carrot cake', category: 'cakes', unitPriceCents: 999, restockEta: new Date('2030-01-01T00:00:00Z') });
    expect(stock.snapshot()).toMatchObject({ name: 'Carrot cake', unitPriceCents: 999, onHand: 5, reserved: 2 });
  });
});
