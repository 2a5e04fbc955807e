import { Events } from '@askfirst/contracts';
import { testTokens, waitFor } from '@askfirst/testing';
import { InventoryTestKit, placedOrder, uniqueStore } from './support/inventory-test-kit';

describe('shortages found after confirmation: picker adjustments (real Kafka and PostgreSQL)', () => {
  let kit: InventoryTestKit;

  beforeAll(async () => {
    kit = await InventoryTestKit.start('inv-picking');
  });
  afterAll(async () => {
    await kit?.stop();
  });

  async function reservedOrder(store: string, lines: { sku: string; quantity: number }[]) {
    const order = placedOrder(store, lines);
    await kit.publish(Events.orderPlaced, order, order.orderId);
    await kit.nextEvent(Events.inventoryReserved, order.orderId);
    return order;
  }

  it('the disappearing cake: MISSING with the order being picked → PICKING shortage for the cake, snacks still held', async () => {
    const store = uniqueStore('cake');
    await kit.stock(store, 'CAKE-CREAM', { onHand: 1, category: 'cakes', unitPriceCents: 1500 });
    await kit.stock(store, 'CAKE-CARROT', { onHand: 2, category: 'cakes', unitPriceCents: 1450 });
    await kit.stock(store, 'CHIPS-SALT', { onHand: 10, category: 'snacks' });
    const order = await reservedOrder(store, [{ sku: 'CAKE-CREAM', quantity: 1 }, { sku: 'CHIPS-SALT', quantity: 2 }]);
    const [cake, snacks] = order.lines;

    const picker = await testTokens.service('picker-app');
    const adjusted = await kit.api('POST', `/stores/${store}/skus/CAKE-CREAM/adjustments`, { token: picker, body: { reason: 'MISSING', quantity: 1, orderId: order.orderId } });
    expect(adjusted.status).toBe(201);
    expect(adjusted.body).toMatchObject({
      delta: -1,
      stock: { onHand: 0, reserved: 0, available: 0 },
      shortfalls: [{ orderId: order.orderId, lines: [{ lineId: cake.lineId, sku: 'CAKE-CREAM', quantityOrdered: 1, quantityReserved: 0, quantityShort: 1 }] }],
    });

    const shortage = await kit.nextEvent(Events.inventoryShortageDetected, order.orderId);
    expect(shortage.data).toEqual({
      orderId: order.orderId,
      storeId: store,
      stage: 'PICKING',
      reason: 'MISSING',
      lines: [
        {
          lineId: cake.lineId,
          sku: 'CAKE-CREAM',
          quantityOrdered: 1,
          quantityReserved: 0,
          quantityShort: 1,
          substitutes: [{ sku: 'CAKE-CARROT', name: 'cake-carrot', available: 2, unitPriceCents: 1450 }],
        },
      ],
      reservedLines: [{ lineId: snacks.lineId, sku: 'CHIPS-SALT', quantity: 2 }],
    });
    const adjustedEvent = await kit.nextEvent(Events.inventoryStockAdjusted, `${store}:CAKE-CREAM`, 2);
    expect(adjustedEvent.data).toEqual({ storeId: store, sku: 'CAKE-CREAM', reason: 'MISSING', delta: -1, onHand: 0, reserved: 0 });
    expect(await kit.level(store, 'CHIPS-SALT')).toMatchObject({ reserved: 2 });
  });

  it('without an order named, the latest-confirmed reservation loses the units first', async () => {
    const store = uniqueStore('latest');
    await kit.stock(store, 'EGGS-6', { onHand: 3 });
    const early = await reservedOrder(store, [{ sku: 'EGGS-6', quantity: 1 }]);
    const late = await reservedOrder(store, [{ sku: 'EGGS-6', quantity: 2 }]);

    const adjusted = await kit.api('POST', `/stores/${store}/skus/EGGS-6/adjustments`, { body: { reason: 'DAMAGED', quantity: 1 } });
    expect(adjusted.status).toBe(201);
    const shortage = await kit.nextEvent(Events.inventoryShortageDetected, late.orderId);
    expect(shortage.data).toMatchObject({ stage: 'PICKING', reason: 'DAMAGED', lines: [{ quantityOrdered: 2, quantityReserved: 1, quantityShort: 1 }] });
    expect(kit.events(Events.inventoryShortageDetected, early.orderId)).toHaveLength(0);
    expect(await kit.level(store, 'EGGS-6')).toMatchObject({ onHand: 2, reserved: 2 });
  });

  it('a loss covered by free stock breaks no reservation', async () => {
    const store = uniqueStore('spare');
    await kit.stock(store, 'MILK-OAT', { onHand: 5 });
    const order = await reservedOrder(store, [{ sku: 'MILK-OAT', quantity: 2 }]);
    const adjusted = await kit.api('POST', `/stores/${store}/skus/MILK-OAT/adjustments`, { body: { reason: 'MISSING', quantity: 3, orderId: order.orderId } });
    expect(adjusted.body).toMatchObject({ delta: -3, stock: { onHand: 2, reserved: 2 }, shortfalls: [] });
    await kit.nextEvent(Events.inventoryStockAdjusted, `${store}:MILK-OAT`, 2);
    expect(kit.events(Events.inventoryShortageDetected, order.orderId)).toHaveLength(0);
  });

  it('a RECOUNT below what is reserved breaks reservations across orders, latest first, and never goes below zero', async () => {
    const store = uniqueStore('recount');
    await kit.stock(store, 'FLOUR-1KG', { onHand: 4 });
    const first = await reservedOrder(store, [{ sku: 'FLOUR-1KG', quantity: 2 }]);
    const second = await reservedOrder(store, [{ sku: 'FLOUR-1KG', quantity: 2 }]);

    const adjusted = await kit.api('POST', `/stores/${store}/skus/FLOUR-1KG/adjustments`, { body: { reason: 'RECOUNT', countedOnHand: 1 } });
    expect(adjusted.body).toMatchObject({ delta: -3, stock: { onHand: 1, reserved: 1 } });
    expect((await kit.nextEvent(Events.inventoryShortageDetected, second.orderId)).data.lines[0]).toMatchObject({ quantityReserved: 0, quantityShort: 2 });
    expect((await kit.nextEvent(Events.inventoryShortageDetected, first.orderId)).data.lines[0]).toMatchObject({ quantityReserved: 1, quantityShort: 1 });

    const zero = await kit.api('POST', `/stores/${store}/skus/FLOUR-1KG/adjustments`, { body: { reason: 'MISSING', quantity: 50 } });
    expect(zero.body).toMatchObject({ delta: -1, stock: { onHand: 0, reserved: 0 } });
    const audit = await kit.db.query(`SELECT reason, delta, actor FROM stock_adjustments WHERE store_id = $1 ORDER BY id`, [store]);
    expect(audit).toEqual([
      { reason: 'RESTOCK', delta: 4, actor: 'agent:agent-1' },
      { reason: 'RECOUNT', delta: -3, actor: 'agent:agent-1' },
      { reason: 'MISSING', delta: -1, actor: 'agent:agent-1' },
    ]);
  });

  it('a RECOUNT after an order is packed (order.ready) counts only the shelf: the bag keeps its units, an unpacked order loses them', async () => {
    const store = uniqueStore('packed');
    await kit.stock(store, 'FLOUR-1KG', { onHand: 4 });
    const unpacked = await reservedOrder(store, [{ sku: 'FLOUR-1KG', quantity: 2 }]);
    const packed = await reservedOrder(store, [{ sku: 'FLOUR-1KG', quantity: 2 }]);
    await kit.publish(Events.orderReady, { orderId: packed.orderId, shopperId: packed.shopperId, at: new Date().toISOString() }, packed.orderId);
    await waitFor(async () => (await kit.api('GET', `/orders/${packed.orderId}/reservations`)).body.lines[0].quantityPacked === 2 || undefined, { what: 'the order packed' });

    // One unit on the shelf, two in the packed bag: three exist, and the latest order is not the one to lose.
    const adjusted = await kit.api('POST', `/stores/${store}/skus/FLOUR-1KG/adjustments`, { body: { reason: 'RECOUNT', countedOnHand: 1 } });
    expect(adjusted.body).toMatchObject({ delta: -1, stock: { onHand: 3, reserved: 3 }, shortfalls: [{ orderId: unpacked.orderId }] });
    expect((await kit.nextEvent(Events.inventoryShortageDetected, unpacked.orderId)).data).toMatchObject({ reason: 'RECOUNT', lines: [{ quantityReserved: 1, quantityShort: 1 }] });
    expect(kit.events(Events.inventoryShortageDetected, packed.orderId)).toHaveLength(0);

    // The picker reports a bag's unit damaged, naming its order: that bag loses it.
    const damaged = await kit.api('POST', `/stores/${store}/skus/FLOUR-1KG/adjustments`, { body: { reason: 'DAMAGED', quantity: 1, orderId: packed.orderId } });
    expect(damaged.body).toMatchObject({ delta: -1, stock: { onHand: 2, reserved: 2 }, shortfalls: [{ orderId: packed.orderId }] });
    expect((await kit.nextEvent(Events.inventoryShortageDetected, packed.orderId)).data).toMatchObject({ reason: 'DAMAGED', lines: [{ quantityReserved: 1, quantityShort: 1 }] });
  });
});
