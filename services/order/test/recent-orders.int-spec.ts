// ADR 0021: a locked load of an order this process saved, unchanged since, comes from the kept rows;
// anything that rewrote the order row since (another process, a rollback, a hand edit) reads the database.
import { DataSource, EntityManager } from 'typeorm';
import { OrderState } from '@askfirst/contracts';
import { MESSAGING_MIGRATIONS } from '@askfirst/messaging';
import { createTestDatabase } from '@askfirst/testing';
import { Order } from '../src/domain/order.aggregate';
import { ORDER_ENTITIES } from '../src/infrastructure/entities';
import { ORDER_MIGRATIONS } from '../src/infrastructure/migrations';
import { OrderRepository } from '../src/infrastructure/order.repository';
import { RecentOrders } from '../src/infrastructure/recent-orders';
import { contactMe, line, orderSnapshot } from './builders/order-snapshot.builder';
import { NOW, rules, short, shortage } from './builders/order-steps';

describe('OrderRepository with recent orders (real PostgreSQL)', () => {
  let dataSource: DataSource;
  let drop: () => Promise<void>;
  let recent: RecentOrders;
  let repository: OrderRepository;
  /** Another replica of the service: its own process, so its own recent orders. */
  let otherProcess: OrderRepository;
  /** Reads the database every time. */
  let reader: OrderRepository;
  let orderNumber = 0;

  beforeAll(async () => {
    const db = await createTestDatabase('recent-orders');
    drop = db.drop;
    dataSource = await new DataSource({ type: 'postgres', url: db.url, entities: ORDER_ENTITIES, migrations: [...MESSAGING_MIGRATIONS, ...ORDER_MIGRATIONS], poolSize: 4 }).initialize();
    await dataSource.runMigrations();
  }, 60_000);
  afterAll(async () => {
    await dataSource?.destroy();
    await drop?.();
  });

  beforeEach(() => {
    recent = new RecentOrders(100);
    repository = new OrderRepository(rules, recent);
    otherProcess = new OrderRepository(rules, new RecentOrders(100));
    reader = new OrderRepository(rules);
  });

  const tx = <T>(work: (manager: EntityManager) => Promise<T>) => dataSource.transaction(work);
  const lockedBy = (repo: OrderRepository, id: string) => tx((m) => repo.find(m, id, { lock: true })).then((o) => o!);
  /** Inside the caller's transaction: the order locked by `repo`, changed, saved by `repo`; returns it. */
  const changeAndSave = async (m: EntityManager, repo: OrderRepository, id: string, change: (order: Order) => void) => {
    const order = (await repo.find(m, id, { lock: true }))!;
    change(order);
    await repo.save(m, order);
    return order;
  };

  const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
  const cakeOf = (id: string) => uuid(Number(id.slice(-12)) + 1);
  const snacksOf = (id: string) => uuid(Number(id.slice(-12)) + 2);

  /** A new order, saved by `repository`, then short on snacks with a refund approved (a decision and a refund row). */
  async function savedOrderWithRefund(): Promise<string> {
    orderNumber += 3;
    const id = uuid(orderNumber);
    const lines = [
      line(cakeOf(id), { sku: 'CAKE-CREAM', name: 'Cream cake', unitPriceCents: 1500, policy: contactMe }),
      line(snacksOf(id), { sku: 'SNACK-MIX', name: 'Snack mix', quantity: 2, unitPriceCents: 300 }),
    ];
    const placed = Order.rehydrate(orderSnapshot({ id, lines, state: OrderState.RESERVING, version: 0 }), rules);
    placed.confirmReservation(NOW);
    await tx((m) => repository.save(m, placed));
    await tx((m) => changeAndSave(m, repository, id, (order) => shortage(order, [short(snacksOf(id), 1)])));
    return id;
  }

  const setSnacksName = (id: string, name: string) => dataSource.query(`UPDATE order_lines SET name = $2 WHERE id = $1`, [snacksOf(id), name]);
  const snacksName = (order: Order) => order.snapshot().lines.find((l) => l.id === snacksOf(order.id))!.name;

  it('gives a locked load of an order it saved the same order the database holds, lines, decisions and refunds alike', async () => {
    const id = await savedOrderWithRefund();
    const kept = await lockedBy(repository, id);
    const stored = await lockedBy(reader, id);
    expect(stored.snapshot().refunds).toHaveLength(1);
    expect(stored.snapshot().decisions).toHaveLength(1);
    expect(kept.snapshot()).toEqual(stored.snapshot());
  });

  it('reads only the order row when nothing rewrote it: a child row edited by hand without touching the order is not seen', async () => {
    const id = await savedOrderWithRefund();
    // This breaks the rule every writer keeps (saveOrderStatement rewrites the order row with its children),
    // which is exactly what shows the kept rows were used.
    await setSnacksName(id, 'edited behind the order row');
    expect(snacksName(await lockedBy(repository, id))).toBe('Snack mix');
    expect(snacksName(await lockedBy(reader, id))).toBe('edited behind the order row');
  });

  it('reads the database when another process saved the order since', async () => {
    const id = await savedOrderWithRefund();
    await tx((m) => changeAndSave(m, otherProcess, id, (order) => order.startPicking(NOW)));
    const order = await lockedBy(repository, id);
    expect(order.snapshot()).toEqual((await lockedBy(reader, id)).snapshot());
    expect(order.snapshot().state).toBe('PICKING');
  });

  it('never serves a save whose transaction rolled back', async () => {
    const id = await savedOrderWithRefund();
    const before = (await lockedBy(reader, id)).snapshot();
    await expect(tx(async (m) => {
      await changeAndSave(m, repository, id, (order) => order.startPicking(NOW));
      throw new Error('a later statement of the transaction failed');
    })).rejects.toThrow('a later statement');
    expect((await lockedBy(repository, id)).snapshot()).toEqual(before);
  });

  it('reads the database after a hand edit that rewrote the order row but kept its version', async () => {
    const id = await savedOrderWithRefund();
    await tx(async (m) => {
      await m.query(`UPDATE order_lines SET name = 'renamed' WHERE id = $1`, [snacksOf(id)]);
      await m.query(`UPDATE orders SET updated_at = updated_at WHERE id = $1`, [id]);
    });
    expect(snacksName(await lockedBy(repository, id))).toBe('renamed');
  });

  it('answers undefined for an order deleted since, and forgets it', async () => {
    const id = await savedOrderWithRefund();
    for (const table of ['order_refunds', 'order_decisions', 'order_lines']) await dataSource.query(`DELETE FROM ${table} WHERE order_id = $1`, [id]);
    await dataSource.query(`DELETE FROM orders WHERE id = $1`, [id]);
    expect(await tx((m) => repository.find(m, id, { lock: true }))).toBeUndefined();
    expect(recent.peek(id)).toBeUndefined();
  });

  it('keeps an order the process saved twice in one transaction as the second save left it', async () => {
    const id = await savedOrderWithRefund();
    await tx(async (m) => {
      await changeAndSave(m, repository, id, (first) => first.startPicking(NOW));
      await changeAndSave(m, repository, id, (second) => {
        expect(second.snapshot().state).toBe('PICKING');
        second.markReady(NOW);
      });
    });
    const order = await lockedBy(repository, id);
    expect(order.snapshot()).toEqual((await lockedBy(reader, id)).snapshot());
    expect(order.snapshot().state).toBe('READY');
  });

  it('hands out copies: changing a loaded order changes neither the kept rows nor the next load', async () => {
    const id = await savedOrderWithRefund();
    const before = (await lockedBy(reader, id)).snapshot();
    const changed = await lockedBy(repository, id);
    // Touches the order, a line, its shortage and the decisions: anything shared with the kept rows would show.
    shortage(changed, [short(cakeOf(id), 1)]);
    expect(changed.snapshot()).not.toEqual(before);
    expect((await lockedBy(repository, id)).snapshot()).toEqual(before);
  });
});
