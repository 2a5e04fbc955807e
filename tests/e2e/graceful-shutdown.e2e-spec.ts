import { randomUUID } from 'node:crypto';
import { testTokens, waitFor } from '@askfirst/testing';
import { CakeStory, SNACKS, STORE } from './support/cake-story';
import { ApiClient } from './support/http-client';
import { ServiceName } from './support/service-process';
import { SystemUnderTest } from './support/system-under-test';

/**
 * SIGTERM each service in turn while orders keep coming: readiness drops, fetching stops, in-flight
 * work finishes, offsets are committed and the outbox is flushed — so nothing is lost and nothing
 * is applied twice.
 */
const MAX_ORDERS = 90; // one page of notices; enough to have work in flight at every stop

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

    const restarts: Record<string, number> = {};
    try {
      for (const name of ['inventory', 'order', 'notification', 'customer-service'] as ServiceName[]) {
        await waitFor(() => placed.size >= 15 * (Object.keys(restarts).length + 1), { what: 'orders flowing', timeoutMs: 60_000 });
        const started = Date.now();
        const exit = await system.service(name).stop('SIGTERM', 20_000);
        expect(exit).toEqual({ code: null, signal: 'SIGTERM' }); // finished its shutdown, not killed after a hang
        await system.service(name).start();
        restarts[name] = Date.now() - started;
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
    process.stdout.write(`graceful shutdown: ${ids.length} orders, restart times ${JSON.stringify(restarts)}\n`);
  }, 240_000);
});
