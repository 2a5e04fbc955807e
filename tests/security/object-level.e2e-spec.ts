import type { ServiceName } from '@askfirst/testing';
import { ALL_SERVICES } from '../e2e/support/system-under-test';
import { baseBodyOf, operationKey, operationsOf, validObject, type Operation } from './invalid-requests';
import { knownValidBody, pathFiller } from './support/openapi-routes';
import { problemShape, send, type RawResponse } from './support/problem-check';
import { CAKE, describeChanges, SecuritySystem, STORE } from './support/security-system';

jest.setTimeout(240_000);

/** Path parameters that name something of a shopper's: an order, case, notice, or the shopper. */
const SHOPPER_OBJECT_PARAMS = new Set(['id', 'orderId', 'shopperId']);

/**
 * Object-level authorization: shopper B, with a perfectly valid token, aims at shopper A's order,
 * case and notices on every route that can name them — in the path, the query or the body — and
 * gets 403 or 404 (problem+json, nothing of A's in it), and no database changes.
 */
describe('shopper B cannot reach shopper A’s orders, cases and notices', () => {
  // A small per-shopper budget, so the rate-limit test stays quick (B's refusals above use 4 of it).
  const sec = new SecuritySystem('sec-owner', { ORDER_DECISION_RATE_LIMIT: '8' });
  const docs = new Map<ServiceName, any>();
  let bToken: string;
  let before: Record<string, Record<string, string>>;

  beforeAll(async () => {
    await sec.start();
    for (const service of ALL_SERVICES) docs.set(service, await (await fetch(`${sec.url(service)}/docs/json`)).json());
    bToken = await sec.token('shopper', sec.story.newShopperId('shopper-b'));
    before = await sec.settle();
  }, 420_000);

  afterAll(() => sec.stop());

  function refusal(res: RawResponse): string | undefined {
    if (![403, 404].includes(res.status)) return `${res.status}, expected 403 or 404: ${res.text.slice(0, 300)}`;
    const shape = problemShape(res);
    if (shape) return shape;
    // `instance` echoes the path B asked for; anything else naming A would leak.
    const { instance: _echo, ...rest } = JSON.parse(res.text);
    if (JSON.stringify(rest).includes(sec.a.shopperId)) return `the refusal names shopper A: ${res.text.slice(0, 300)}`;
    return undefined;
  }

  it('A’s own token reaches every one of these objects (the targets are real)', async () => {
    const a = await sec.token('shopper', sec.a.shopperId);
    const probes: [ServiceName, string][] = [
      ['order', `/orders/${sec.a.waitingOrderId}`],
      ['order', `/orders/${sec.a.confirmedOrderId}`],
      ['notification', `/shoppers/${sec.a.shopperId}/notices`],
      ['notification', `/shoppers/${sec.a.shopperId}/channels`],
      ['notification', `/notices/${sec.a.decisionNoticeId}`],
      ['notification', `/orders/${sec.a.waitingOrderId}/notices`],
      ['customer-service', `/cases/${sec.a.shortageCaseId}`],
      ['customer-service', `/cases/${sec.a.askedCaseId}`],
    ];
    for (const [service, path] of probes) expect([service, path, (await send(sec.url(service), { method: 'GET', path }, a)).status]).toEqual([service, path, 200]);
  });

  it.each(ALL_SERVICES)('%s: every shopper route with A’s object in its path refuses B', async (service) => {
    const fill = pathFiller(service, sec.a);
    const schemas = docs.get(service).components?.schemas ?? {};
    const targets = operationsOf(docs.get(service)).filter((op: Operation) => op.roles?.includes('shopper') && op.pathParams.some((p) => SHOPPER_OBJECT_PARAMS.has(p.name)));
    const failures: string[] = [];
    for (const op of targets) {
      const body = baseBodyOf(op, { fillPath: fill, schemas, baseBody: (o) => knownValidBody(service, o) });
      const res = await send(sec.url(service), { method: op.method, path: fill(op, op.path), ...(body ? { body: JSON.stringify(body), contentType: 'application/json' } : {}) }, bToken);
      const why = refusal(res);
      if (why) failures.push(`${service} ${operationKey(op)}: ${why}`);
    }
    expect(failures).toEqual([]);
    if (service !== 'inventory') expect(targets.length).toBeGreaterThan(0); // inventory's shopper routes are stock, not shopper data
  });

  it('A’s objects named in a query or a body are refused too', async () => {
    const a = sec.a;
    const line = { sku: CAKE.sku, name: CAKE.name, quantity: 1, unitPriceCents: CAKE.unitPriceCents };
    const cases: [ServiceName, string, string, unknown][] = [
      ['order', 'GET', `/orders?shopperId=${a.shopperId}`, undefined],
      ['order', 'POST', '/orders', { shopperId: a.shopperId, storeId: STORE, onShortage: { choice: 'REFUND_ITEM_SHIP_REST' }, lines: [line] }],
      ['order', 'POST', `/orders/${a.waitingOrderId}/decision`, { resolution: 'REFUND_ITEM_SHIP_REST', shopperId: a.shopperId }],
      ['order', 'POST', `/orders/${a.waitingOrderId}/decision`, { resolution: 'CANCEL_ORDER', lineIds: a.waitingLineIds }],
      ['order', 'POST', `/orders/${a.confirmedOrderId}/cancel`, { shopperId: a.shopperId }],
      ['order', 'POST', `/orders/${a.confirmedOrderId}/cancel`, undefined],
      ['customer-service', 'POST', '/cases', { orderId: a.waitingOrderId }],
      ['customer-service', 'POST', '/cases', { orderId: a.confirmedOrderId, message: 'let me in' }],
      ['notification', 'PUT', `/shoppers/${a.shopperId}/channels`, { email: 'attacker@example.com' }],
      ['inventory', 'GET', `/orders/${a.waitingOrderId}/reservations`, undefined],
    ];
    const failures: string[] = [];
    for (const [service, method, path, body] of cases) {
      const res = await send(sec.url(service), { method, path, ...(body === undefined ? {} : { body: JSON.stringify(body), contentType: 'application/json' }) }, bToken);
      const why = refusal(res);
      if (why) failures.push(`${service} ${method} ${path} ${JSON.stringify(body ?? '')}: ${why}`);
    }
    expect(failures).toEqual([]);
  });

  it('B’s own lists show nothing of A’s', async () => {
    const bId = JSON.parse(Buffer.from(bToken.split('.')[1], 'base64url').toString()).shopperId as string;
    const orders = await send(sec.url('order'), { method: 'GET', path: '/orders' }, bToken);
    expect(orders.status).toBe(200);
    const notices = await send(sec.url('notification'), { method: 'GET', path: `/shoppers/${bId}/notices` }, bToken);
    expect(notices.status).toBe(200);
    for (const res of [orders, notices]) {
      expect(res.text).not.toContain(sec.a.shopperId);
      expect(res.text).not.toContain(sec.a.waitingOrderId);
    }
  });

  it('agents use agent routes only: a shopper token on the agent queue and case actions is 403', async () => {
    for (const path of ['/queue', '/reports/sla']) expect((await send(sec.url('customer-service'), { method: 'GET', path }, bToken)).status).toBe(403);
    const claim = await send(sec.url('customer-service'), { method: 'POST', path: `/cases/${sec.a.shortageCaseId}/claim` }, bToken);
    expect([claim.status, problemShape(claim)]).toEqual([403, undefined]);
    const agent = await sec.token('agent');
    const decide = await send(sec.url('order'), { method: 'POST', path: `/orders/${sec.a.waitingOrderId}/decision`, body: JSON.stringify(validObject({ properties: { resolution: { enum: ['REFUND_ITEM_SHIP_REST'] } }, required: ['resolution'] }, {})), contentType: 'application/json' }, agent);
    expect(decide.status).toBe(403); // agents decide for a shopper through a case, never on the shopper's route
  });

  it('rate limits per shopper: decision and cancel share one budget whatever the token; ask-for-human has its own (429 + Retry-After)', async () => {
    const shopperId = sec.story.newShopperId('hasty');
    const unknownOrder = '00000000-0000-4000-8000-000000000429';
    const statuses: number[] = [];
    for (let i = 0; i < 9; i++) {
      // A new token (new subject) each time: the budget follows the shopper, not the token.
      const token = await sec.token('shopper', shopperId);
      const path = `/orders/${unknownOrder}/${i % 2 ? 'cancel' : 'decision'}`;
      const res = await send(sec.url('order'), { method: 'POST', path, body: JSON.stringify(i % 2 ? {} : { resolution: 'CANCEL_ORDER' }), contentType: 'application/json' }, token);
      statuses.push(res.status);
      if (res.status === 429) {
        expect(problemShape(res)).toBeUndefined();
        expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
      }
    }
    expect(statuses).toEqual([...Array(8).fill(404), 429]);

    const asker = await sec.token('shopper', shopperId);
    const asked: number[] = [];
    for (let i = 0; i < 6; i++) asked.push((await send(sec.url('customer-service'), { method: 'POST', path: '/cases', body: JSON.stringify({ orderId: unknownOrder }), contentType: 'application/json' }, asker)).status);
    expect(asked).toEqual([...Array(5).fill(404), 429]);
  });

  it('changed nothing in any database', async () => {
    expect(describeChanges(before, await sec.settle())).toBe('nothing');
  });

  // Last: it spends A's link and decides A's order.
  it('a decision link is the only way in without a token: a forged one is refused, the real one decides once as the shopper', async () => {
    const notification = sec.url('notification');
    const token = sec.a.decisionToken;
    const forged = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    const form = (choice: string) => ({ body: new URLSearchParams({ choice }).toString(), contentType: 'application/x-www-form-urlencoded' });
    const page = await send(notification, { method: 'GET', path: `/d/${token}` });
    expect(page.status).toBe(200);
    const choice = /name="choice" value="([^"]+)"/.exec(page.text)?.[1];
    expect(choice).toBeDefined();
    expect((await send(notification, { method: 'GET', path: `/d/${forged}` })).status).toBe(400);
    expect((await send(notification, { method: 'POST', path: `/d/${forged}`, ...form(choice!) })).status).toBe(400);
    expect((await send(notification, { method: 'POST', path: `/d/${token}`, ...form(choice!) })).status).toBe(200);
    expect((await send(notification, { method: 'POST', path: `/d/${token}`, ...form(choice!) })).status).toBe(410);
    const order = await send(sec.url('order'), { method: 'GET', path: `/orders/${sec.a.waitingOrderId}` }, await sec.token('shopper', sec.a.shopperId));
    expect(JSON.parse(order.text).decisions).toEqual(expect.arrayContaining([expect.objectContaining({ source: 'SHOPPER' })]));
  });
});
