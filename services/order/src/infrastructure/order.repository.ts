import { Inject, Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { ConcurrentOrderUpdateError } from '../application/order-errors';
import { ORDER_RULES } from '../application/order-rules.token';
import { OrderPageCursor } from '../application/order-view';
import { Order, OrderRules } from '../domain/order.aggregate';
import { OrderDecisionEntity } from './order-decision.entity';
import { OrderLineEntity } from './order-line.entity';
import { OrderRefundEntity } from './order-refund.entity';
import { OrderEntity } from './order.entity';
import { toRows, toSnapshot } from './order.mapper';


/** Loads and saves whole order aggregates inside the caller's transaction. */
@Injectable()
export class OrderRepository {
  constructor(@Inject(ORDER_RULES) private readonly rules: OrderRules) {}

  /** `lock` takes the row FOR UPDATE: concurrent decisions queue here, so exactly one wins. */
  async find(manager: EntityManager, id: string, options: { lock?: boolean } = {}): Promise<Order | undefined> {
    const order = await manager.findOne(OrderEntity, {
      where: { id },
      ...(options.lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!order) return undefined;
    const [loaded] = await this.withChildren(manager, [order]);
    return loaded;
  }

  async save(manager: EntityManager, order: Order): Promise<void> {
    const rows = toRows(order.snapshot());
    if (order.loadedVersion === 0) {
      await manager.insert(OrderEntity, rows.order);
    } else {
      const result = await manager.update(OrderEntity, { id: order.id, version: order.loadedVersion }, rows.order);
      if (!result.affected) throw new ConcurrentOrderUpdateError(order.id);
    }
    if (rows.lines.length) await manager.upsert(OrderLineEntity, rows.lines, ['id']);
    // Decisions are immutable facts: only new ones are written.
    if (rows.decisions.length) await manager.createQueryBuilder().insert().into(OrderDecisionEntity).values(rows.decisions).orIgnore().execute();
    if (rows.refunds.length) await manager.upsert(OrderRefundEntity, rows.refunds, ['id']);
  }

  /** A shopper's orders, newest first, keyset-paged. */
  async listByShopper(manager: EntityManager, shopperId: string, limit: number, after?: OrderPageCursor): Promise<Order[]> {
    const query = manager.createQueryBuilder(OrderEntity, 'o').where('o.shopper_id = :shopperId', { shopperId });
    if (after) query.andWhere('(o.placed_at, o.id) < (:placedAt, :id)', { placedAt: after.placedAt, id: after.id });
    const orders = await query.orderBy('o.placed_at', 'DESC').addOrderBy('o.id', 'DESC').limit(limit).getMany();
    return this.withChildren(manager, orders);
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

  private async withChildren(manager: EntityManager, orders: OrderEntity[]): Promise<Order[]> {
    if (!orders.length) return [];
    const ids = orders.map((o) => o.id);
    // One after another: inside a transaction they share one connection anyway.
    const lines = await manager.find(OrderLineEntity, { where: { orderId: In(ids) } });
    const decisions = await manager.find(OrderDecisionEntity, { where: { orderId: In(ids) } });
    const refunds = await manager.find(OrderRefundEntity, { where: { orderId: In(ids) } });
    const of = <T extends { orderId: string }>(rows: T[], id: string) => rows.filter((r) => r.orderId === id);
    return orders.map((order) =>
      Order.rehydrate(toSnapshot({ order, lines: of(lines, order.id), decisions: of(decisions, order.id), refunds: of(refunds, order.id) }), this.rules));
  }
}
