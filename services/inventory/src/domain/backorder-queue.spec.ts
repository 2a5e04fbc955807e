import { planBackorderFills } from './backorder-queue';

const queue = [
  { id: 'first', outstanding: 3 },
  { id: 'second', outstanding: 1 },
  { id: 'third', outstanding: 2 },
];

describe('planBackorderFills (order of arrival)', () => {
  it.each([
    [0, []],
    [1, [{ id: 'first', units: 1, completes: false }]],
    [3, [{ id: 'first', units: 3, completes: true }]],
    [4, [{ id: 'first', units: 3, completes: true }, { id: 'second', units: 1, completes: true }]],
    [5, [{ id: 'first', units: 3, completes: true }, { id: 'second', units: 1, completes: true }, { id: 'third', units: 1, completes: false }]],
    [100, [{ id: 'first', units: 3, completes: true }, { id: 'second', units: 1, completes: true }, { id: 'third', units: 2, completes: true }]],
  ])('%i units available', (available, expected) => {
    expect(planBackorderFills(available, queue)).toEqual(expected);
  });

  it('never lets a later back-order jump an earlier one that is still incomplete', () => {
    const fills = planBackorderFills(2, [{ id: 'big', outstanding: 5 }, { id: 'small', outstanding: 1 }]);
    expect(fills).toEqual([{ id: 'big', units: 2, completes: false }]);
  });

  it('treats negative availability as none and skips empty back-orders', () => {
    expect(planBackorderFills(-3, queue)).toEqual([]);
    expect(planBackorderFills(1, [{ id: 'done', outstanding: 0 }, { id: 'next', outstanding: 1 }])).toEqual([{ id: 'next', units: 1, completes: true }]);
  });
});
