import { Events, OrderState } from '@askfirst/contracts';
import { testTokens, waitFor } from '@askfirst/testing';
import { cakeAndSnacks, reservedAll } from './support/order-builders';
import { OrderServiceHarness } from './support/order-service.harness';

describe('placing, reading and progressing orders over the REST API', () => {
  const h = new OrderServiceHarness('order-place');
  let alice: string;
  let bob: string;
  let service: string;
  let agent: string;

  beforeAll(async () => {
    await h.start();
    [alice, bob, service, agent] = await Promise.all([testTokens.shopper('alice'), testTokens.shopper('bob'), testTokens.service('notification'), testTokens.agent()]);
  });
  afterAll(() => h.stop());

  describe('validation (problem+json, nothing a client sends gives a 500)', () => {
    it('an order without onShortage is a 400 that says the choice is required', async () => {
      const { onShortage: _, ...body } = cakeAndSnacks({ choice: 'REFUND_ITEM_SHIP_REST' });
      const res = await h.request('POST', '/orders', alice, body);
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'onShortage', detail: expect.stringContaining('onShortage is required') })]));
      expect(res.body.errors.every((e: any) => e.field === 'onShortage')).toBe(true);
    });

    it.each([
      ['CONTACT_ME without a window or fallback', { onShortage: { choice: 'CONTACT_ME' } }, ['onShortage.ifNoAnswerWithin', 'onShortage.thenFallback']],
      ['a fallback on REFUND_ITEM_SHIP_REST', { onShortage: { choice: 'REFUND_ITEM_SHIP_REST', thenFallback: 'KEEP_HOLDING' } }, ['onShortage.thenFallback']],
      ['a substitute SKU on CONTACT_ME', { onShortage: { choice: 'CONTACT_ME', ifNoAnswerWithin: 5, thenFallback: 'CANCEL_ORDER', substituteSku: 'CAKE-CHOC' } }, ['onShortage.substituteSku']],
      ['an unknown choice', { onShortage: { choice: 'SURPRISE_ME' } }, ['onShortage.choice']],
      ['an unknown field', { onShortage: { choice: 'CANCEL_ORDER' }, coupon: 'FREE' }, ['coupon']],
      ['a window over a day', { onShortage: { choice: 'CONTACT_ME', ifNoAnswerWithin: 1441, thenFallback: 'CANCEL_ORDER' } }, ['onShortage.ifNoAnswerWithin']],
      ['no lines', { onShortage: { choice: 'CANCEL_ORDER' }, lines: [] }, ['lines']],
      ['a quantity of 0 and a negative price', { onShortage: { choice: 'CANCEL_ORDER' }, lines: [{ sku: 'CAKE-CREAM', name: 'Cake', quantity: 0, unitPriceCents: -1 }] }, ['lines[0].quantity', 'lines[0].unitPriceCents']],
      ['a bad line override', { onShortage: { choice: 'CANCEL_ORDER' }, lines: [{ sku: 'CAKE-CREAM', name: 'Cake', quantity: 1, unitPriceCents: 1, onShortage: { choice: 'CONTACT_ME' } }] }, ['lines[0].onShortage.ifNoAnswerWithin', 'lines[0].onShortage.thenFallback']],
      ['onShortage that is not an object', { onShortage: 'CANCEL_ORDER' }, ['onShortage']],
      ['onShortage that is an empty array', { onShortage: [] }, ['onShortage']],
      ['lines that are not objects', { onShortage: { choice: 'CANCEL_ORDER' }, lines: [[1], null] }, ['lines']],
      ['a name with a control character', { onShortage: { choice: 'CANCEL_ORDER' }, lines: [{ sku: 'CAKE-CREAM', name: 'Cake\u0000', quantity: 1, unitPriceCents: 1 }] }, ['lines[0].name']],
    ])('400 for %s', async (_what, patch, fields) => {
      const res = await h.request('POST', '/orders', alice, { ...cakeAndSnacks({}), ...patch });
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: any) => e.field)).toEqual(expect.arrayContaining(fields));
    });

    it('400 for a malformed id, an invalid cursor or Idempotency-Key; 404 for an unknown order', async () => {
      expect((await h.request('GET', '/orders/not-a-uuid', alice)).status).toBe(400);
      expect((await h.request('GET', '/orders?cursor=%25%25', alice)).status).toBe(400);
      expect((await h.request('GET', '/orders?cursor=bm9wZQ', alice)).status).toBe(400);
      expect((await h.request('GET', '/orders?limit=0', alice)).status).toBe(400);
      expect((await h.request('POST', '/orders', alice, cakeAndSnacks({ choice: 'CANCEL_ORDER' }), { 'idempotency-key': 'x'.repeat(201) })).status).toBe(400);
      const huge = Array.from({ length: 2 }, (_, i) => ({ sku: `GOLD-${i}`, name: 'Gold', quantity: 999, unitPriceCents: 1_000_000 }));
      expect((await h.request('POST', '/orders', alice, { ...cakeAndSnacks({ choice: 'CANCEL_ORDER' }), lines: huge })).body).toMatchObject({ status: 400, code: 'INVALID_ORDER_REQUEST' });
      const missing = await h.request('GET', '/orders/00000000-0000-4000-8000-000000000000', alice);
      expect(missing).toMatchObject({ status: 404, body: { code: 'ORDER_NOT_FOUND' } });
    });
  });

  it('places an order: 201, order.placed with each line\'s effective policy (per-line override), RESERVING', async () => {
    const body = cakeAndSnacks({ choice: 'CONTACT_ME', ifNoAnswerWithin: 15, thenFallback: 'KEEP_HOLDING' });
    body.lines[1] = { ...body.lines[1], onShortage: { choice: 'SUBSTITUTE', substituteSku: 'SNACK-SALT' } } as never;
    const res = await h.request('POST', '/orders', alice, body);
    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toBe(`/orders/${res.body.id}`);
    expect(res.body).toMatchObject({
      shopperId: 'alice', state: OrderState.RESERVING, totalCents: 2100, currency: 'EUR',
      onShortage: { choice: 'CONTACT_ME', ifNoAnswerWithin: 15, thenFallback: 'KEEP_HOLDING' },
    });
    expect(res.body.lines.map((l: any) => l.onShortage)).toEqual([
      { choice: 'CONTACT_ME', ifNoAnswerWithin: 15, thenFallback: 'KEEP_HOLDING' },
      { choice: 'SUBSTITUTE', substituteSku: 'SNACK-SALT', thenFallback: 'REFUND_ITEM_SHIP_REST' },
    ]);
    const [placed] = await h.waitForPublished(res.body.id, Events.orderPlaced.type);
    expect(placed).toMatchObject({ subject: res.body.id, source: 'order', data: { shopperId: 'alice', storeId: 'store-1' } });
    expect(placed.data.lines.map((l: any) => [l.lineId, l.policy.choice])).toEqual([[res.body.lines[0].id, 'CONTACT_ME'], [res.body.lines[1].id, 'SUBSTITUTE']]);
  });

  describe('Idempotency-Key', () => {
    it('same key and body: the same order (200); same key, other body: 409; no second order.placed', async () => {
      const body = cakeAndSnacks({ choice: 'REFUND_ITEM_SHIP_REST' });
      const first = await h.request('POST', '/orders', alice, body, { 'idempotency-key': 'checkout-1' });
      expect(first.status).toBe(201);
      const again = await h.request('POST', '/orders', alice, { lines: body.lines, onShortage: body.onShortage, storeId: body.storeId }, { 'idempotency-key': 'checkout-1' });
      expect(again.status).toBe(200);
      expect(again.body.id).toBe(first.body.id);
      const other = await h.request('POST', '/orders', alice, cakeAndSnacks({ choice: 'CANCEL_ORDER' }), { 'idempotency-key': 'checkout-1' });
      expect(other).toMatchObject({ status: 409, body: { code: 'IDEMPOTENCY_KEY_REUSED' } });
      // Keys belong to a shopper: bob's same key is his own order.
      const bobs = await h.request('POST', '/orders', bob, body, { 'idempotency-key': 'checkout-1' });
      expect(bobs.status).toBe(201);
      expect(bobs.body.id).not.toBe(first.body.id);
      await h.waitForPublished(bobs.body.id, Events.orderPlaced.type);
      expect(h.published(first.body.id, Events.orderPlaced.type)).toHaveLength(1);
    });

    it('two concurrent requests with one key place one order', async () => {
      const body = cakeAndSnacks({ choice: 'REFUND_ITEM_SHIP_REST' });
      const results = await Promise.all([0, 1, 2].map(() => h.request('POST', '/orders', alice, body, { 'idempotency-key': 'double-click' })));
      expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
      expect(results.map((r) => r.status).sort()).toEqual([200, 200, 201]);
    });
  });

  describe('who may do what', () => {
    let alicesOrder: any;
    beforeAll(async () => {
      alicesOrder = (await h.request('POST', '/orders', alice, cakeAndSnacks({ choice: 'REFUND_ITEM_SHIP_REST' }))).body;
    });

    it('a shopper cannot place for another shopper; a service must name the shopper', async () => {
      expect((await h.request('POST', '/orders', alice, { ...cakeAndSnacks({ choice: 'CANCEL_ORDER' }), shopperId: 'bob' })).status).toBe(403);
      expect((await h.request('POST', '/orders', service, cakeAndSnacks({ choice: 'CANCEL_ORDER' }))).body).toMatchObject({ status: 400, code: 'SHOPPER_ID_REQUIRED' });
      const forBob = await h.request('POST', '/orders', service, { ...cakeAndSnacks({ choice: 'CANCEL_ORDER' }), shopperId: 'bob' });
      expect(forBob).toMatchObject({ status: 201, body: { shopperId: 'bob' } });
      expect((await h.request('POST', '/orders', agent, cakeAndSnacks({ choice: 'CANCEL_ORDER' }))).status).toBe(403);
      expect((await fetch(`${h.url}/orders`, { method: 'POST' })).status).toBe(401);
    });

    it('shopper B gets 403 on shopper A\'s order: read, decide, cancel, list', async () => {
      const id = alicesOrder.id;
      expect((await h.request('GET', `/orders/${id}`, bob)).status).toBe(403);
      expect((await h.request('POST', `/orders/${id}/decision`, bob, { resolution: 'CANCEL_ORDER' })).status).toBe(403);
      expect((await h.request('POST', `/orders/${id}/cancel`, bob, {})).status).toBe(403);
      expect((await h.request('GET', '/orders?shopperId=alice', bob)).status).toBe(403);
      // A service answering for bob cannot touch alice's order either.
      expect((await h.request('POST', `/orders/${id}/cancel`, service, { shopperId: 'bob' })).status).toBe(403);
      expect((await h.getOrder(id)).state).toBe(OrderState.RESERVING);
      expect((await h.request('GET', `/orders/${id}`, alice)).status).toBe(200);
      expect((await h.request('GET', `/orders/${id}`, agent)).status).toBe(200);
    });

    it('only picker/courier apps (service, agent) report fulfilment progress', async () => {
      expect((await h.request('POST', `/orders/${alicesOrder.id}/picking-started`, alice)).status).toBe(403);
    });
  });

  it('lists a shopper\'s own orders newest first, paged with a cursor', async () => {
    const carol = await testTokens.shopper('carol');
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await h.request('POST', '/orders', carol, cakeAndSnacks({ choice: 'CANCEL_ORDER' }))).body.id);
    const first = await h.request('GET', '/orders?limit=2', carol);
    expect(first.status).toBe(200);
    expect(first.body.items.map((o: any) => o.id)).toEqual([ids[2], ids[1]]);
    const second = await h.request('GET', `/orders?limit=2&cursor=${first.body.nextCursor}`, carol);
    expect(second.body.items.map((o: any) => o.id)).toEqual([ids[0]]);
    expect(second.body.nextCursor).toBeUndefined();
    expect((await h.request('GET', '/orders?shopperId=carol', agent)).body.items).toHaveLength(3);
    expect((await h.request('GET', '/orders', agent)).status).toBe(400);
  });

  it('fulfilment runs CONFIRMED → PICKING → READY → DISPATCHED → DELIVERED; a step out of order is a 409 with the current state', async () => {
    const order = (await h.request('POST', '/orders', alice, cakeAndSnacks({ choice: 'REFUND_ITEM_SHIP_REST' }))).body;
    const early = await h.request('POST', `/orders/${order.id}/picking-started`, service);
    expect(early).toMatchObject({ status: 409, body: { code: 'TRANSITION_NOT_ALLOWED', current: { state: 'RESERVING' } } });
    await h.produce(...reservedAll(order));
    await h.waitForOrder(order.id, (o) => o.state === OrderState.CONFIRMED, 'confirmed');
    for (const [step, state] of [['picking-started', 'PICKING'], ['ready', 'READY'], ['dispatched', 'DISPATCHED']]) {
      const res = await h.request('POST', `/orders/${order.id}/${step}`, step === 'ready' ? agent : service);
      expect(res).toMatchObject({ status: 200, body: { state } });
    }
    const late = await h.request('POST', `/orders/${order.id}/cancel`, alice);
    expect(late).toMatchObject({ status: 409, body: { current: { state: 'DISPATCHED' } } });
    expect((await h.request('POST', `/orders/${order.id}/delivered`, service)).body.state).toBe('DELIVERED');
    const events = await waitFor(() => {
      const types = ['order.picking-started.v1', 'order.ready.v1', 'order.dispatched.v1', 'order.delivered.v1'];
      return types.every((t) => h.published(order.id, t).length === 1) ? types : undefined;
    }, { what: 'progress events' });
    expect(events).toHaveLength(4);
  });

  it('the shopper cancels before dispatch: their own decision (SHOPPER), everything refunded after notice', async () => {
    const order = (await h.request('POST', '/orders', alice, cakeAndSnacks({ choice: 'SUBSTITUTE' }))).body;
    const res = await h.request('POST', `/orders/${order.id}/cancel`, alice);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ state: 'CANCELLED', refunds: [{ status: 'PENDING_NOTICE', amountCents: 2100 }] });
    expect(res.body.decisions).toEqual([expect.objectContaining({ source: 'SHOPPER', resolution: 'CANCEL_ORDER', decidedBy: 'alice' })]);
    const [cancelled] = await h.waitForPublished(order.id, Events.orderCancelled.type);
    expect(cancelled.data).toMatchObject({ refundId: res.body.refunds[0].id, refundAmountCents: 2100 });
    expect((await h.request('POST', `/orders/${order.id}/cancel`, alice)).status).toBe(409);
  });
});
