import { OrderState } from '@askfirst/contracts';
import { testTokens, waitFor } from '@askfirst/testing';
import { BEING_RESERVED_REFRESH_MS } from '../src/infrastructure/orders-being-reserved';
import { cakeAndSnacks, reservedAll } from './support/order-builders';
import { OrderServiceHarness } from './support/order-service.harness';

// No inventory runs here: every placed order stays RESERVING until the test plays inventory.
describe('load shedding on POST /orders (ORDER_ADMISSION_LIMIT, real PostgreSQL and Kafka)', () => {
  const h = new OrderServiceHarness('order-admission', { ORDER_ADMISSION_LIMIT: '3' });
  let alice: string;

  beforeAll(async () => {
    await h.start();
    alice = await testTokens.shopper('alice');
  });
  afterAll(() => h.stop());

  const place = (key?: string) => h.request('POST', '/orders', alice, cakeAndSnacks({ choice: 'REFUND_ITEM_SHIP_REST' }), key ? { 'idempotency-key': key } : {});
  const settle = () => new Promise((r) => setTimeout(r, BEING_RESERVED_REFRESH_MS + 50));

  it('refuses the order past the limit with 503 problem+json and Retry-After, writes nothing, and accepts again once inventory answers', async () => {
    const accepted = [];
    for (let i = 0; i < 3; i++) {
      await settle(); // each count is fresh: the limit is exact here (a burst within one refresh can overshoot by what arrives in it)
      const res = await place();
      expect(res.status).toBe(201);
      accepted.push(res.body);
    }
    await settle();
    const refused = await place('retry-me');
    expect(refused.status).toBe(503);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(refused.headers.get('retry-after')).toBe('2');
    expect(refused.body).toMatchObject({ status: 503, type: expect.stringContaining('overloaded'), beingReserved: 3, limit: 3 });
    const [{ n }] = await h.sql(`SELECT count(*)::int AS n FROM orders`);
    expect(n).toBe(3);
    const [{ keys }] = await h.sql(`SELECT count(*)::int AS keys FROM order_idempotency_keys`);
    expect(keys).toBe(0);

    const metrics = await (await fetch(`${h.url}/metrics`)).text();
    expect(metrics).toMatch(/askfirst_orders_shed_total\{[^}]*\} 1\b/);
    expect(metrics).toMatch(/askfirst_orders_being_reserved\{[^}]*\} 3\b/);

    // Inventory answers one order: the shopper's retry with the same key goes through.
    await h.produce(...reservedAll(accepted[0]));
    await h.waitForOrder(accepted[0].id, (o) => o.state === OrderState.CONFIRMED, 'confirmed');
    const retried = await waitFor(async () => {
      const res = await place('retry-me');
      return res.status === 201 ? res : undefined;
    }, { what: 'the retry accepted', timeoutMs: 10_000 });
    expect(retried.body.state).toBe(OrderState.RESERVING);
  });

  it('never sheds reads or other requests', async () => {
    await settle();
    expect((await place()).status).toBe(503);
    expect((await h.request('GET', '/orders?shopperId=alice', alice)).status).toBe(200);
  });
});
