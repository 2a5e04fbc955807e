import { OrderRows } from './order.mapper';

/** Where a recently read or saved order stood: the order row's xmin and version when its rows were read or written. */
export interface RecentOrder {
  xmin: string;
  version: number;
  /** Never changed after they are put here: the mapper copies into a snapshot what an order could change. */
  rows: OrderRows;
}

export const RECENT_ORDERS = Symbol('askfirst:recent-orders');

/**
 * The last known rows of recently used orders, least recently used dropped first (ADR 0021). An entry
 * is only trusted when the order row, locked, still has the entry's xmin and version: every write of
 * an order or its children rewrites the order row in the same statement, and an xmin names the
 * transaction that wrote the row, so a write by another process, a rollback or a hand edit all miss.
 */
export class RecentOrders {
  private readonly entries = new Map<string, RecentOrder>();

  /** capacity 0 keeps nothing. */
  constructor(readonly capacity: number) {}

  get size(): number {
    return this.entries.size;
  }

  peek(orderId: string): RecentOrder | undefined {
    return this.entries.get(orderId);
  }

  /** The entry if the locked row still is where the entry says; a stale entry is dropped. */
  take(orderId: string, xmin: string, version: number): RecentOrder | undefined {
    const entry = this.entries.get(orderId);
    if (!entry) return undefined;
    this.entries.delete(orderId);
    if (entry.xmin !== xmin || entry.version !== version) return undefined;
    this.entries.set(orderId, entry);
    return entry;
  }

  put(orderId: string, entry: RecentOrder): void {
    if (this.capacity === 0) return;
    this.entries.delete(orderId);
    this.entries.set(orderId, entry);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
  }

  forget(orderId: string): void {
    this.entries.delete(orderId);
  }
}
