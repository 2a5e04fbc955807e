import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ConcurrentOrderUpdateError } from '../application/order-errors';
import { ORDER_RULES } from '../application/order-rules.token';
import { OrderPageCursor } from '../application/order-view';
import { Order, OrderRules } from '../domain/order.aggregate';
import { samePlain } from '../domain/plain-data';
import { OrderRows, toRows, toSnapshot } from './order.mapper';
import { LOAD_ORDERS_SQL, LOCK_AND_LOAD_ORDER_SQL, LOCK_ORDER_SQL, rowsFromLoaded } from './order-load.sql';
import { saveOrderStatement } from './order-save.sql';
import { OrderLineEntity } from './order-line.entity';
import { OrderRefundEntity } from './order-refund.entity';
import { RECENT_ORDERS, RecentOrders } from './recent-orders';

/** The child rows as read or written, by id: a save writes only the child rows that differ from them. */
interface OrderBaseline {
  lines: ReadonlyMap<string, OrderLineEntity>;
  decisions: ReadonlySet<string>;
  refunds: ReadonlyMap<string, OrderRefundEntity>;
}

/**
 * Loads and saves whole order aggregates inside the caller's transaction. An order and its lines,
 * decisions and refunds are read with one statement; a save writes the order row and only the child
 * rows that changed (an event usually touches one line) in one statement too. A locked load of an
 * order this process saved recently, unchanged since, reads only the order row's xmin and version
 * (ADR 0021).
 */
@Injectable()
export class OrderRepository {
  private readonly baselines = new WeakMap<Order, OrderBaseline>();

  constructor(
    @Inject(ORDER_RULES) private readonly rules: OrderRules,
    @Inject(RECENT_ORDERS) private readonly recent: RecentOrders = new RecentOrders(0),
  ) {}

  /** `lock` takes the row FOR UPDATE: concurrent decisions queue here, so exactly one wins. */
  async find(manager: EntityManager, id: string, options: { lock?: boolean } = {}): Promise<Order | undefined> {
    if (options.lock && this.recent.peek(id)) {
      const [row]: { xmin: string; version: number }[] = await manager.query(LOCK_ORDER_SQL, [id]);
      if (!row) {
        this.recent.forget(id);
        return undefined;
      }
      const known = this.recent.take(id, row.xmin, row.version);
      if (known) return this.fromRows(known.rows);
      // Written elsewhere since: under the lock, a plain read sees that write's rows.
    } else if (options.lock) {
      // Lock and read in one statement; if the lock waited for a writer, the children it read may
      // predate that writer's commit, and they are read again (now under the lock).
      const [row]: Record<string, unknown>[] = await manager.query(LOCK_AND_LOAD_ORDER_SQL, [id]);
      if (!row) return undefined;
      if (row._snapshot_version === row.version) return this.fromRows(rowsFromLoaded(row));
    }
    const [order] = await this.load(manager, 'o.id = $1', [id]);
    return order;
  }

  async save(manager: EntityManager, order: Order): Promise<void> {
    const rows = toRows(order.snapshot());
    const before = this.baselines.get(order);
    const lines = rows.lines.filter((l) => !samePlain(before?.lines.get(l.id), l));
    // Decisions are immutable facts: only new ones are written.
    const decisions = rows.decisions.filter((d) => !before?.decisions.has(d.id));
    const refunds = rows.refunds.filter((r) => !samePlain(before?.refunds.get(r.id), r));
    // Plain SQL, one statement: TypeORM took a round trip per table and rewrote every statement's property names.
    const { sql, params } = saveOrderStatement({ order: rows.order, loadedVersion: order.loadedVersion, lines, decisions, refunds });
    const [{ saved, xmin }]: { saved: number; xmin: string }[] = await manager.query(sql, params);
    if (!saved) throw new ConcurrentOrderUpdateError(order.id);
    this.baselines.set(order, baselineOf(rows));
    // The rows were built from a copy of the order, so nothing changes them. Should this transaction
    // roll back, no row will ever carry its xmin and the entry is never used.
    this.recent.put(order.id, { xmin, version: rows.order.version, rows });
  }

  /** A shopper's orders, newest first, keyset-paged. */
  async listByShopper(manager: EntityManager, shopperId: string, limit: number, after?: OrderPageCursor): Promise<Order[]> {
    const params: unknown[] = [shopperId, limit];
    let where = 'o.shopper_id = $1';
    if (after) {
      params.push(after.placedAt, after.id);
      where += ' AND (o.placed_at, o.id) < ($3, $4)';
    }
    return this.load(manager, `${where} ORDER BY o.placed_at DESC, o.id DESC LIMIT $2`, params);
  }

  /** One waiting order whose decision deadline has passed, locked; others' locked rows are skipped. */
  async lockNextDueForFallback(manager: EntityManager, now: Date, skip: readonly string[] = []): Promise<Order | undefined> {
    const rows: { id: string }[] = await manager.query(
      `SELECT id FROM orders
        WHERE state = 'AWAITING_SHOPPER_DECISION' AND decision_deadline <= $1 AND id <> ALL($2::uuid[])
        ORDER BY decision_deadline LIMIT 1 FOR UPDATE SKIP LOCKED`,
      [now, skip],
    );
    return rows.length ? this.find(manager, rows[0].id) : undefined;
  }

  private async load(manager: EntityManager, condition: string, params: unknown[]): Promise<Order[]> {
    const loaded: Record<string, unknown>[] = await manager.query(`${LOAD_ORDERS_SQL} WHERE ${condition}`, params);
    return loaded.map((row) => this.fromRows(rowsFromLoaded(row)));
  }

  /** toSnapshot shares nothing the order can change with the rows, so a kept entry's rows serve every hit. */
  private fromRows(rows: OrderRows): Order {
    const order = Order.adopt(toSnapshot(rows), this.rules);
    this.baselines.set(order, baselineOf(rows));
    return order;
  }
}

/** The rows themselves, by id: nothing changes them (toSnapshot copies what the order could change). */
function baselineOf(rows: OrderRows): OrderBaseline {
  return {
    lines: new Map(rows.lines.map((l) => [l.id, l])),
    decisions: new Set(rows.decisions.map((d) => d.id)),
    refunds: new Map(rows.refunds.map((r) => [r.id, r])),
  };
}
