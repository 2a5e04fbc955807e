import { OrderRows } from './order.mapper';
import { RecentOrder, RecentOrders } from './recent-orders';

const entry = (xmin: string, version: number): RecentOrder => ({
  xmin, version, rows: {} as OrderRows,
});

describe('RecentOrders', () => {
  it('serves an entry only while the row has its xmin and version, and drops a stale one', () => {
    const recent = new RecentOrders(10);
    recent.put('a', entry('100', 3));
    expect(recent.take('a', '100', 3)).toEqual(entry('100', 3));
    expect(recent.take('a', '100', 4)).toBeUndefined();
    expect(recent.peek('a')).toBeUndefined();
    recent.put('a', entry('100', 3));
    expect(recent.take('a', '101', 3)).toBeUndefined();
    expect(recent.size).toBe(0);
  });

  it('drops the least recently used entry beyond its capacity', () => {
    const recent = new RecentOrders(2);
    recent.put('a', entry('1', 1));
    recent.put('b', entry('2', 1));
    recent.take('a', '1', 1);
    recent.put('c', entry('3', 1));
    expect([recent.peek('a'), recent.peek('b'), recent.peek('c')].map(Boolean)).toEqual([true, false, true]);
    recent.put('a', entry('4', 2));
    recent.put('d', entry('5', 1));
    expect([recent.peek('a'), recent.peek('c'), recent.peek('d')].map(Boolean)).toEqual([true, false, true]);
    expect(recent.size).toBe(2);
  });

  it('keeps nothing with capacity 0', () => {
    const recent = new RecentOrders(0);
    recent.put('a', entry('1', 1));
    expect(recent.peek('a')).toBeUndefined();
  });
});
