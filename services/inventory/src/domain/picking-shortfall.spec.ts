import { InventoryRuleError } from './inventory-rule.error';
import { packedOffShelf, planPickingShortfall, withBagOpened } from './picking-shortfall';

const holds = [
  { orderId: 'early', seq: 1, held: 2, packed: 0 },
  { orderId: 'middle', seq: 2, held: 1, packed: 0 },
  { orderId: 'late', seq: 3, held: 2, packed: 0 },
];

describe('planPickingShortfall', () => {
  it('takes from the latest-confirmed reservation first', () => {
    expect(planPickingShortfall(1, holds)).toEqual([{ orderId: 'late', units: 1 }]);
    expect(planPickingShortfall(3, holds)).toEqual([{ orderId: 'late', units: 2 }, { orderId: 'middle', units: 1 }]);
    expect(planPickingShortfall(5, holds)).toEqual([{ orderId: 'late', units: 2 }, { orderId: 'middle', units: 1 }, { orderId: 'early', units: 2 }]);
  });

  it('takes from the order being picked first, then latest-confirmed', () => {
    expect(planPickingShortfall(1, holds, 'early')).toEqual([{ orderId: 'early', units: 1 }]);
    expect(planPickingShortfall(3, holds, 'early')).toEqual([{ orderId: 'early', units: 2 }, { orderId: 'late', units: 1 }]);
  });

  it('ignores a named order that holds nothing of the SKU', () => {
    expect(planPickingShortfall(1, holds, 'stranger')).toEqual([{ orderId: 'late', units: 1 }]);
  });

  it('skips empty holds and takes nothing for zero units', () => {
    expect(planPickingShortfall(0, holds)).toEqual([]);
    expect(planPickingShortfall(1, [{ orderId: 'x', seq: 9, held: 0, packed: 0 }, { orderId: 'y', seq: 1, held: 1, packed: 0 }])).toEqual([{ orderId: 'y', units: 1 }]);
  });

  it('refuses when reservations hold fewer units than must be taken (reserved out of step)', () => {
    expect(() => planPickingShortfall(6, holds)).toThrow(InventoryRuleError);
  });

  describe('packed orders (READY): their units are in a bag, not on the shelf', () => {
    const withPacked = [{ orderId: 'packed', seq: 4, held: 2, packed: 2 }, ...holds];

    it('never loses packed units to a count or a loss on the shelf, even as the latest', () => {
      expect(planPickingShortfall(1, withPacked)).toEqual([{ orderId: 'late', units: 1 }]);
      expect(planPickingShortfall(1, withPacked, 'packed')).toEqual([{ orderId: 'late', units: 1 }]);
      expect(() => planPickingShortfall(6, withPacked)).toThrow(InventoryRuleError);
    });

    it('loses them when the picker reports them gone from that bag', () => {
      expect(planPickingShortfall(1, withBagOpened(withPacked, 'packed'), 'packed')).toEqual([{ orderId: 'packed', units: 1 }]);
    });

    it('keeps on-hand from dropping below what is packed in bags, except the bag reported', () => {
      expect(packedOffShelf(withPacked)).toBe(2);
      expect(packedOffShelf(withBagOpened(withPacked, 'packed'))).toBe(0);
    });
  });
});
