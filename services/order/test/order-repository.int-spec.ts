// The order repository's locked load against real PostgreSQL, including a lock that waits for a writer.
import { DataSource } from 'typeorm';
import { MESSAGING_MIGRATIONS } from '@askfirst/messaging';
import { createTestDatabase } from '@askfirst/testing';
import { DEFAULT_ORDER_RULES, Order } from '../src/domain/order.aggregate';
import { ORDER_ENTITIES } from '../src/infrastructure/entities';
import { ORDER_MIGRATIONS } from '../src/infrastructure/migrations';
import { OrderRepository } from '../src/infrastructure/order.repository';
import { ids, orderSnapshot } from './builders/order-snapshot.builder';

describe('OrderRepository.find with lock (real PostgreSQL)', () => {
  let dataSource: DataSource;
  let drop: () => Promise<void>;
  const repository = new OrderRepository(DEFAULT_ORDER_RULES);

  beforeAll(async () => {
    const db = await createTestDatabase('order-repository');
    drop = db.drop;
    dataSource = await new DataSource({ type: 'postgres', url: db.url, entities: ORDER_ENTITIES, migrations: [...MESSAGING_MIGRATIONS, ...ORDER_MIGRATIONS], poolSize: 4 }).initialize();
    await dataSource.runMigrations();
    await dataSource.transaction((manager) => repository.save(manager, Order.rehydrate(orderSnapshot({ version: 0 }))));
  }, 60_000);
  afterAll(async () => {
    await dataSource?.destroy();
    await drop?.();
  });

  it('reads the order with its lines in one statement when nobody holds the lock', async () => {
    const [locked, plain] = await Promise.all([
      dataSource.transaction((manager) => repository.find(manager, ids.order, { lock: true })),
      dataSource.transaction((manager) => repository.find(manager, ids.order)),
    ]);
    expect(locked!.snapshot()).toEqual(plain!.snapshot());
    expect(await dataSource.transaction((manager) => repository.find(manager, '00000000-0000-4000-8000-00000000ffff', { lock: true }))).toBeUndefined();
  });

  it('after waiting for a writer, returns the lines that writer committed, not the ones from before the wait', async () => {
    const before = (await dataSource.transaction((manager) => repository.find(manager, ids.order)))!.snapshot().version;
    const writer = dataSource.createQueryRunner();
    await writer.connect();
    await writer.startTransaction();
    // A save as saveOrderStatement makes it: the child row and the order's version together.
    await writer.query(`UPDATE order_lines SET short_quantity = 1 WHERE id = $1`, [ids.cake]);
    await writer.query(`UPDATE orders SET version = version + 1 WHERE id = $1`, [ids.order]);

    const reading = dataSource.transaction((manager) => repository.find(manager, ids.order, { lock: true }));
    // The reader is now waiting for the writer's row lock.
    const waiting = async () => (await dataSource.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()`))[0].n;
    for (let i = 0; i < 100 && (await waiting()) === 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(await waiting()).toBe(1);
    await writer.commitTransaction();
    await writer.release();

    const order = (await reading)!;
    expect(order.snapshot().version).toBe(before + 1);
    expect(order.snapshot().lines.find((l) => l.id === ids.cake)!.shortQuantity).toBe(1);
  });
});
