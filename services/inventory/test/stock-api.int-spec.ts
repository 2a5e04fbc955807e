import { randomUUID } from 'node:crypto';
import { testTokens } from '@askfirst/testing';
import { InventoryTestKit, uniqueStore } from './support/inventory-test-kit';

describe('stock REST API: roles, validation and problem+json (real PostgreSQL)', () => {
  let kit: InventoryTestKit;
  let store: string;
  const cake = { name: 'Cream cake', category: 'cakes', unitPriceCents: 1299 };

  beforeAll(async () => {
    kit = await InventoryTestKit.start('inv-api');
    store = uniqueStore('api');
  });
  afterAll(async () => {
    await kit?.stop();
  });

  it('PUT creates (201) with initial stock, updates (200) the catalogue entry, and refuses to move stock (409)', async () => {
    const created = await kit.api('PUT', `/stores/${store}/skus/CAKE-CREAM`, { body: { ...cake, onHand: 4, restockEta: '2031-01-01T08:00:00Z' } });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ storeId: store, sku: 'CAKE-CREAM', ...cake, onHand: 4, reserved: 0, available: 4, restockEta: '2031-01-01T08:00:00.000Z' });

    const again = await kit.api('PUT', `/stores/${store}/skus/CAKE-CREAM`, { body: { ...cake, name: 'Cream cake XL', onHand: 4 } });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ name: 'Cream cake XL', onHand: 4, restockEta: null });

    const conflict = await kit.api('PUT', `/stores/${store}/skus/CAKE-CREAM`, { body: { ...cake, onHand: 9 } });
    expect(conflict.status).toBe(409);
    expect(conflict.headers.get('content-type')).toContain('application/problem+json');
    expect(conflict.body).toMatchObject({ code: 'ON_HAND_CHANGE_NEEDS_ADJUSTMENT', current: { onHand: 4 } });
  });

  it('reads one SKU or several, naming the ones the store does not list; every role may read', async () => {
    await kit.stock(store, 'CHIPS-SALT', { onHand: 7 });
    const shopper = await testTokens.shopper('shopper-7');
    const one = await kit.api('GET', `/stores/${store}/skus/CHIPS-SALT`, { token: shopper });
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ onHand: 7, reserved: 0, available: 7 });

    const many = await kit.api('GET', `/stores/${store}/stock?skus=CHIPS-SALT,CAKE-CREAM,NOPE-1`, { token: shopper });
    expect(many.status).toBe(200);
    expect(many.body.items.map((i: { sku: string }) => i.sku)).toEqual(['CAKE-CREAM', 'CHIPS-SALT']);
    expect(many.body.unknownSkus).toEqual(['NOPE-1']);

    const missing = await kit.api('GET', `/stores/${store}/skus/NOPE-1`);
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ code: 'STOCK_ITEM_NOT_FOUND', status: 404 });
  });

  it('refuses callers without a token (401) and shoppers on staff routes (403)', async () => {
    expect((await kit.api('GET', `/stores/${store}/skus/CAKE-CREAM`, { token: null })).status).toBe(401);
    const shopper = await testTokens.shopper('shopper-7');
    expect((await kit.api('PUT', `/stores/${store}/skus/CAKE-CREAM`, { token: shopper, body: cake })).status).toBe(403);
    expect((await kit.api('POST', `/stores/${store}/skus/CAKE-CREAM/restock`, { token: shopper, body: { quantity: 1 } })).status).toBe(403);
    expect((await kit.api('POST', `/stores/${store}/skus/CAKE-CREAM/adjustments`, { token: shopper, body: { reason: 'MISSING', quantity: 1 } })).status).toBe(403);
    expect((await kit.api('GET', `/orders/${randomUUID()}/reservations`, { token: shopper })).status).toBe(403);
    const supervisor = await testTokens.supervisor();
    expect((await kit.api('GET', `/orders/${randomUUID()}/reservations`, { token: supervisor })).status).toBe(404);
  });

  it.each([
    ['unknown field', 'PUT', 'skus/CAKE-CREAM', { ...cake, colour: 'pink' }],
    ['negative price', 'PUT', 'skus/CAKE-CREAM', { ...cake, unitPriceCents: -1 }],
    ['blank name', 'PUT', 'skus/CAKE-CREAM', { ...cake, name: '   ' }],
    ['name too long', 'PUT', 'skus/CAKE-CREAM', { ...cake, name: 'x'.repeat(201) }],
    ['bad ETA', 'PUT', 'skus/CAKE-CREAM', { ...cake, restockEta: 'tomorrow' }],
    ['lower-case sku', 'PUT', 'skus/cake', cake],
    ['zero restock', 'POST', 'skus/CAKE-CREAM/restock', { quantity: 0 }],
    ['huge restock', 'POST', 'skus/CAKE-CREAM/restock', { quantity: 10_000_000 }],
    ['fractional restock', 'POST', 'skus/CAKE-CREAM/restock', { quantity: 1.5 }],
    ['string quantity', 'POST', 'skus/CAKE-CREAM/restock', { quantity: '3' }],
    ['RESTOCK as adjustment', 'POST', 'skus/CAKE-CREAM/adjustments', { reason: 'RESTOCK', quantity: 1 }],
    ['MISSING without quantity', 'POST', 'skus/CAKE-CREAM/adjustments', { reason: 'MISSING' }],
    ['RECOUNT without count', 'POST', 'skus/CAKE-CREAM/adjustments', { reason: 'RECOUNT' }],
    ['RECOUNT with quantity', 'POST', 'skus/CAKE-CREAM/adjustments', { reason: 'RECOUNT', countedOnHand: 1, quantity: 1 }],
    ['MISSING with count', 'POST', 'skus/CAKE-CREAM/adjustments', { reason: 'MISSING', quantity: 1, countedOnHand: 1 }],
    ['bad order id', 'POST', 'skus/CAKE-CREAM/adjustments', { reason: 'MISSING', quantity: 1, orderId: 'not-a-uuid' }],
  ])('400 problem+json for %s', async (_what, method, path, body) => {
    const result = await kit.api(method, `/stores/${store}/${path}`, { body });
    expect(result.status).toBe(400);
    expect(result.headers.get('content-type')).toContain('application/problem+json');
    expect(result.body.errors.length).toBeGreaterThan(0);
  });

  it.each([
    ['no skus', `stock`],
    ['bad sku in list', `stock?skus=GOOD-1,bad`],
    ['too many skus', `stock?skus=${Array.from({ length: 101 }, (_, i) => `SKU-${i}`).join(',')}`],
    ['substitute quantity 0', `skus/CAKE-CREAM/substitutes?quantity=0`],
    ['substitute limit too big', `skus/CAKE-CREAM/substitutes?limit=99`],
  ])('400 for a bad query: %s', async (_what, path) => {
    expect((await kit.api('GET', `/stores/${store}/${path}`)).status).toBe(400);
  });

  it('400 for a bad store id or order id in the path', async () => {
    expect((await kit.api('GET', `/stores/${'s'.repeat(101)}/skus/CAKE-CREAM`)).status).toBe(400);
    expect((await kit.api('GET', `/orders/not-a-uuid/reservations`)).status).toBe(400);
  });

  it('restocking or adjusting a SKU the store does not list is 404, past the on-hand limit 409', async () => {
    expect((await kit.api('POST', `/stores/${store}/skus/NOPE-2/restock`, { body: { quantity: 1 } })).status).toBe(404);
    expect((await kit.api('POST', `/stores/${store}/skus/NOPE-2/adjustments`, { body: { reason: 'MISSING', quantity: 1 } })).status).toBe(404);
    expect((await kit.api('GET', `/stores/${store}/skus/NOPE-2/substitutes`)).status).toBe(404);
    await kit.db.query(`UPDATE stock_items SET on_hand = 999999999 WHERE store_id = $1 AND sku = 'CHIPS-SALT'`, [store]);
    const full = await kit.api('POST', `/stores/${store}/skus/CHIPS-SALT/restock`, { body: { quantity: 100_000 } });
    expect(full.status).toBe(409);
    expect(full.body.code).toBe('ON_HAND_LIMIT_EXCEEDED');
  });

  it('documents every route in OpenAPI with bearer auth', async () => {
    const docs = await (await fetch(`${kit.service.url}/docs/json`)).json() as { paths: Record<string, unknown>; components: { securitySchemes: object } };
    expect(Object.keys(docs.paths)).toEqual(expect.arrayContaining([
      '/stores/{storeId}/skus/{sku}', '/stores/{storeId}/stock', '/stores/{storeId}/skus/{sku}/restock',
      '/stores/{storeId}/skus/{sku}/adjustments', '/stores/{storeId}/skus/{sku}/substitutes', '/orders/{orderId}/reservations',
    ]));
    expect(docs.components.securitySchemes).toHaveProperty('bearer');
  });
});
