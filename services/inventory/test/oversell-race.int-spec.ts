import { Client } from 'pg';
import { Events } from '@askfirst/contracts';
import { waitFor } from '@askfirst/testing';
import { InventoryTestKit, placedOrder, uniqueStore } from './support/inventory-test-kit';

const ORDERS = 200;
const UNITS = 50;

describe('I3 no oversell: 200 concurrent order.placed race for 50 units', () => {
  let kit: InventoryTestKit;

  beforeAll(async () => {
    kit = await InventoryTestKit.start('inv-race', { CONSUMER_CONCURRENCY: '64', DATABASE_POOL_SIZE: '30' });
  });
  afterAll(async () => {
    await kit?.stop();
  });

  it('the database itself refuses reserved > on_hand (CHECK constraint)', async () => {
    const store = uniqueStore('check');
    await kit.stock(store, 'CAKE-CREAM', { onHand: 1 });
    const client = new Client({ connectionString: kit.env.databaseUrl });
    await client.connect();
    try {
      for (const set of ['reserved = on_hand + 1', 'reserved = -1', 'on_hand = -1, reserved = 0']) {
        await expect(client.query(`UPDATE stock_items SET ${set} WHERE store_id = $1`, [store])).rejects.toThrow(/stock_items_no_oversell/);
      }
    } finally {
      await client.end();
    }
  });

  it('holds exactly 50 units, answers 50 reserved and 150 shortages, and never breaks I3 on the way', async () => {
    const store = uniqueStore('race');
    await kit.stock(store, 'CAKE-CREAM', { onHand: UNITS, category: 'cakes' });
    const orders = Array.from({ length: ORDERS }, () => placedOrder(store, [{ sku: 'CAKE-CREAM', quantity: 1 }]));

    // Watch the row from outside the service for the whole race.
    const watcher = new Client({ connectionString: kit.env.databaseUrl });
    await watcher.connect();
    const samples: { on_hand: number; reserved: number }[] = [];
    let watching = true;
    const watching$ = (async () => {
      while (watching) {
        const { rows } = await watcher.query(`SELECT on_hand, reserved FROM stock_items WHERE store_id = $1 AND sku = 'CAKE-CREAM'`, [store]);
        samples.push(rows[0]);
        await new Promise((r) => setTimeout(r, 5));
      }
    })();

    await kit.produce(...orders.map((o) => kit.envelope(Events.orderPlaced, o, o.orderId)));
    const answered = () => {
      const ids = new Set(orders.map((o) => o.orderId));
      const reserved = kit.events(Events.inventoryReserved).filter((e) => ids.has(e.subject));
      const short = kit.events(Events.inventoryShortageDetected).filter((e) => ids.has(e.subject));
      return { reserved, short };
    };
    await waitFor(() => { const { reserved, short } = answered(); return reserved.length + short.length >= ORDERS; }, { timeoutMs: 45_000, what: '200 answers' });
    watching = false;
    await watching$;
    await watcher.end();

    const { reserved, short } = answered();
    expect(reserved).toHaveLength(UNITS);
    expect(short).toHaveLength(ORDERS - UNITS);
    expect(new Set([...reserved, ...short].map((e) => e.subject)).size).toBe(ORDERS);
    for (const e of short) expect(e.data.lines).toEqual([expect.objectContaining({ quantityOrdered: 1, quantityReserved: 0, quantityShort: 1 })]);

    expect(samples.length).toBeGreaterThan(1);
    for (const s of samples) {
      expect(s.reserved).toBeGreaterThanOrEqual(0);
      expect(s.reserved).toBeLessThanOrEqual(s.on_hand);
    }
    expect(await kit.level(store, 'CAKE-CREAM')).toEqual(expect.objectContaining({ onHand: UNITS, reserved: UNITS, available: 0 }));
    const [held] = await kit.db.query(
      `SELECT count(*) FILTER (WHERE l.quantity_held = 1)::int AS holding, count(*) FILTER (WHERE l.quantity_held = 0)::int AS empty, sum(l.quantity_held)::int AS total
         FROM reservation_lines l JOIN reservations r USING (order_id) WHERE r.store_id = $1`,
      [store],
    );
    expect(held).toEqual({ holding: UNITS, empty: ORDERS - UNITS, total: UNITS });
  });
});
