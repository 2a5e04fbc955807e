import { InventoryRuleError } from './inventory-rule.error';
import { planPickingShortfall } from './picking-shortfall';

const holds = [
  { orderId: 'early', seq: 1, held: 2 },
  { orderId: 'middle', seq: 2, held: 1 },
  { orderId: 'late', seq: 3, held: 2 },
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
    expect(planPickingShortfall(1, [{ orderId: 'x', seq: 9, held: 0 }, { orderId: 'y', seq: 1, held: 1 }])).toEqual([{ orderId: 'y', units: 1 }]);
  });

  it('refuses when reservations hold fewer units than must be taken (reserved out of step)', () => {
    expect(() => planPickingShortfall(6, holds)).toThrow(InventoryRuleError);
  });
});
