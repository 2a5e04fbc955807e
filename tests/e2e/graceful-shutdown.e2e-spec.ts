import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { ServiceName, testTokens, waitFor } from '@askfirst/testing';
import { scrapeEventCounters } from '../bench/resources';
import { CakeStory, SNACKS, STORE } from './support/cake-story';
import { ApiClient } from './support/http-client';
import { ALL_SERVICES, SystemUnderTest } from './support/system-under-test';

/**
 * SIGTERM each service in turn while orders keep coming: readiness drops, fetching stops, in-flight
 * work finishes, offsets are committed and the outbox is flushed — so nothing is lost and nothing
 * is applied twice. The inbox would hide a shutdown that skipped its offset commit or outbox flush,
 * so the test also checks each stop left no unpublished outbox row and caused no redelivery.
 */
const MAX_ORDERS = 90; // one page of notices; enough to have work in flight at every stop

async function query<T = Record<string, any>>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

describe('graceful shutdown under load', () => {
  let system: SystemUnderTest;
  let story: CakeStory;

  beforeAll(async () => {
    system = await new SystemUnderTest({ label: 'sigterm' }).start();
    story = new CakeStory({ order: system.url('order'), inventory: system.url('inventory'), notification: system.url('notification'), customerService: system.url('customer-service') });
    await story.stockTheStore();
  }, 300_000);

  afterAll(() => system?.stop());

  /** Retries with the same Idempotency-Key until the order service answers: the client's view of "placed". */
  async function placeWithRetry(orders: ApiClient, key: string): Promise<string> {
    for (;;) {
      const res = await orders
        .post('/orders', { storeId: STORE, onShortage: { choice: 'REFUND_ITEM_SHIP_REST' }, lines: [{ sku: SNACKS.sku, name: SNACKS.name, quantity: 2, unitPriceCents: SNACKS.unitPriceCents }] }, { 'idempotency-key': key })
        .catch(() => undefined);
      if (res && (res.status === 201 || res.status === 200)) return res.body.id;
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  /** askfirst_events_processed_total{outcome="duplicate"} per service: events the inbox dropped as already applied. */
  async function duplicates(): Promise<Record<string, number>> {
    const counters = await scrapeEventCounters(Object.fromEntries(ALL_SERVICES.map((name) => [name, system.url(name)])));
    return Object.fromEntries(ALL_SERVICES.map((name) => [name, counters[name].duplicate]));
  }

  const unpublishedOutboxRows = async (name: ServiceName) =>
    (await query<{ n: number }>(system.databaseUrls.get(name)!, `SELECT count(*)::int AS n FROM outbox_messages WHERE published_at IS NULL`))[0].n;

  it('loses no order and applies nothing twice when every service is stopped with SIGTERM mid-load', async () => {
    const shopperId = story.newShopperId('load');
    const orders = new ApiClient(system.url('order'), await testTokens.shopper(shopperId));
    const staff = await story.staff();
    const before = (await staff.get(`/stores/${STORE}/skus/${SNACKS.sku}`)).body.reserved as number;

    const placed = new Set<string>();
    let loading = true;
    const load = (async () => {
      const workers = Array.from({ length: 4 }, async () => {
        while (loading && placed.size < MAX_ORDERS) placed.add(await placeWithRetry(orders, randomUUID()));
      });
      await Promise.all(workers);
    })();

    // Redeliveries after each restart, across all services: the period from just before a stop to
    // just before the next one (or the end). A restarted service counts from zero again.
    const redelivered: Record<string, number> = {};
    const leftInOutbox: Record<string, number> = {};
    let checkpoint = await duplicates();
    let lastRestarted: ServiceName | undefined;
    const closePeriod = async () => {
      const now = await duplicates();
      if (lastRestarted) redelivered[lastRestarted] = ALL_SERVICES.reduce((sum, n) => sum + now[n] - (n === lastRestarted ? 0 : checkpoint[n]), 0);
      checkpoint = now;
    };

    const restarts: Record<string, number> = {};
    try {
      for (const name of ALL_SERVICES) {
        await waitFor(() => placed.size >= 15 * (Object.keys(restarts).length + 1), { what: 'orders flowing', timeoutMs: 60_000 });
        await closePeriod();
        const started = Date.now();
        const exit = await system.service(name).stop('SIGTERM', 20_000);
        expect(exit).toEqual({ code: null, signal: 'SIGTERM' }); // finished its shutdown, not killed after a hang
        leftInOutbox[name] = await unpublishedOutboxRows(name);
        await system.service(name).start();
        restarts[name] = Date.now() - started;
        lastRestarted = name;
      }
    } finally {
      loading = false;
      await load;
    }

    const ids = [...placed];
    expect(ids.length).toBeGreaterThanOrEqual(40);
    const pending = new Set(ids);
    await waitFor(async () => {
      for (const id of [...pending]) if ((await orders.get(`/orders/${id}`)).body.state === 'CONFIRMED') pending.delete(id);
      return pending.size === 0;
    }, { what: `all ${ids.length} orders confirmed`, timeoutMs: 60_000, intervalMs: 500 });

    // Nothing applied twice: exactly the units of these orders are held, one reservation each.
    const after = (await staff.get(`/stores/${STORE}/skus/${SNACKS.sku}`)).body.reserved as number;
    expect(after - before).toBe(ids.length * 2);
    const notices = new ApiClient(system.url('notification'), await testTokens.shopper(shopperId));
    for (const id of ids) {
      const order = (await orders.get(`/orders/${id}`)).body;
      expect(order.timeline.filter((t: any) => t.eventType === 'inventory.reserved.v1')).toHaveLength(1);
      expect(order.timeline.filter((t: any) => t.eventType === 'order.confirmed.v1')).toHaveLength(1);
    }
    await waitFor(async () => {
      const list = (await notices.get(`/shoppers/${shopperId}/notices?limit=100`)).body;
      const confirmed = list.items.filter((n: any) => n.kind === 'ORDER_CONFIRMED');
      return confirmed.length === ids.length && new Set(confirmed.map((n: any) => n.orderId)).size === ids.length;
    }, { what: 'exactly one confirmation notice per order', timeoutMs: 30_000 });

    // customer-service's history: one timeline entry per event it consumes about these orders, as
    // published by order and notification (their outboxes), none missing and none extra.
    const history = system.databaseUrls.get('customer-service')!;
    const expected = async () => {
      const consumedTypes = (await query(history, `SELECT DISTINCT event_type FROM inbox_messages`)).map((r) => r.event_type);
      const publishedBy = (name: ServiceName) =>
        query(system.databaseUrls.get(name)!, `SELECT event_id FROM outbox_messages WHERE message_key = ANY($1) AND event_type = ANY($2)`, [ids, consumedTypes]);
      return [...(await publishedBy('order')), ...(await publishedBy('notification'))].map((r) => r.event_id).sort();
    };
    const recorded = async () => (await query(history, `SELECT event_id FROM order_timeline WHERE order_id = ANY($1) ORDER BY event_id`, [ids])).map((r) => r.event_id);
    await waitFor(async () => (await recorded()).join() === (await expected()).join(), { what: 'customer-service history complete', timeoutMs: 30_000, intervalMs: 500 });
    expect(await recorded()).toEqual(await expected());
    const perOrder = await query(history, `SELECT order_id, count(*) FILTER (WHERE type = 'order.placed.v1')::int AS placed, count(*) FILTER (WHERE type = 'order.confirmed.v1')::int AS confirmed FROM order_timeline WHERE order_id = ANY($1) GROUP BY order_id`, [ids]);
    expect(perOrder).toHaveLength(ids.length);
    expect(perOrder.filter((o) => o.placed !== 1 || o.confirmed !== 1)).toEqual([]);

    // The shutdowns themselves: every stop flushed its outbox and committed what it had applied.
    await closePeriod();
    const none = Object.fromEntries(ALL_SERVICES.map((name) => [name, 0]));
    expect(leftInOutbox).toEqual(none);
    expect(redelivered).toEqual(none);
    process.stdout.write(`graceful shutdown: ${ids.length} orders, restart times ${JSON.stringify(restarts)}\n`);
  }, 240_000);
});
