import { Client } from 'pg';
import { randomUUID } from 'node:crypto';
import { DecisionSource, Events, ShortageResolution } from '@askfirst/contracts';
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

  it('mixed traffic on two SKUs (orders in both line orders, cancels, restocks, losses) never deadlocks or drifts', async () => {
    const store = uniqueStore('mixed');
    await kit.stock(store, 'MILK-OAT', { onHand: 30 });
    await kit.stock(store, 'BREAD-RYE', { onHand: 30 });
    const orders = Array.from({ length: 60 }, (_, i) =>
      placedOrder(store, i % 2 ? [{ sku: 'MILK-OAT', quantity: 1 }, { sku: 'BREAD-RYE', quantity: 1 }] : [{ sku: 'BREAD-RYE', quantity: 2 }, { sku: 'MILK-OAT', quantity: 1 }]),
    );
    const cancelled = orders.filter((_, i) => i % 3 === 0);
    const envelopes = orders.flatMap((o) => {
      const placed = kit.envelope(Events.orderPlaced, o, o.orderId);
      if (!cancelled.includes(o)) return [placed];
      const decision = { decisionId: randomUUID(), source: DecisionSource.SHOPPER, resolution: ShortageResolution.CANCEL_ORDER, lineIds: [] };
      return [placed, kit.envelope(Events.orderCancelled, { orderId: o.orderId, shopperId: o.shopperId, reason: 'x', decision, refundAmountCents: 0 }, o.orderId)];
    });
    const rest = Array.from({ length: 20 }, (_, i) => {
      const sku = i % 2 ? 'MILK-OAT' : 'BREAD-RYE';
      return i % 4 < 2
        ? kit.api('POST', `/stores/${store}/skus/${sku}/restock`, { body: { quantity: 1 } })
        : kit.api('POST', `/stores/${store}/skus/${sku}/adjustments`, { body: { reason: 'DAMAGED', quantity: 1 } });
    });
    await kit.produce(...envelopes);
    const statuses = (await Promise.all(rest)).map((r) => r.status);
    expect(statuses.every((s) => s === 200 || s === 201)).toBe(true);

    const ids = new Set(orders.map((o) => o.orderId));
    const cancelledIds = new Set(cancelled.map((o) => o.orderId));
    await waitFor(
      () => kit.events(Events.inventoryReleased).filter((e) => cancelledIds.has(e.subject)).length === cancelled.length &&
        kit.events(Events.inventoryReserved).concat(kit.events(Events.inventoryShortageDetected)).filter((e) => ids.has(e.subject)).length >= orders.length,
      { timeoutMs: 45_000, what: 'every order answered and every cancel released' },
    );
    expect(kit.deadLetters()).toEqual([]);

    // reserved is exactly what open reservations hold; on-hand moved only by restocks and losses.
    const rows: { sku: string; on_hand: number; reserved: number; held: number }[] = await kit.db.query(
      `SELECT s.sku, s.on_hand, s.reserved,
              coalesce((SELECT sum(l.quantity_held) FROM reservation_lines l JOIN reservations r USING (order_id)
                         WHERE r.store_id = s.store_id AND l.sku = s.sku AND r.status = 'HELD'), 0)::int AS held
         FROM stock_items s WHERE s.store_id = $1 ORDER BY s.sku`,
      [store],
    );
    for (const row of rows) {
      expect(row.reserved).toBe(row.held);
      expect(row.reserved).toBeLessThanOrEqual(row.on_hand);
      expect(row.on_hand).toBe(30);
    }
  });
});
