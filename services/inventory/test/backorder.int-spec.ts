import { randomUUID } from 'node:crypto';
import { Events, OrderLineBackorderedV1, ShortageResolution } from '@askfirst/contracts';
import { waitFor } from '@askfirst/testing';
import { InventoryTestKit, placedOrder, shopperDecision, uniqueStore } from './support/inventory-test-kit';

describe('back-orders wait for restock and are filled in order of arrival (real Kafka and PostgreSQL)', () => {
  let kit: InventoryTestKit;

  beforeAll(async () => {
    kit = await InventoryTestKit.start('inv-backorder');
  });
  afterAll(async () => {
    await kit?.stop();
  });

  async function shortOrder(store: string, quantity: number) {
    const order = placedOrder(store, [{ sku: 'CAKE-CREAM', quantity }]);
    await kit.publish(Events.orderPlaced, order, order.orderId);
    const shortage = await kit.nextEvent(Events.inventoryShortageDetected, order.orderId);
    return { order, line: order.lines[0], short: shortage.data.lines[0].quantityShort as number };
  }

  /** Queues the short part of the line and waits until inventory has it, so arrival order is the call order. */
  async function backorder(store: string, o: Awaited<ReturnType<typeof shortOrder>>): Promise<void> {
    const event: OrderLineBackorderedV1 = {
      orderId: o.order.orderId,
      shopperId: 'shopper-1',
      storeId: store,
      lineId: o.line.lineId,
      sku: 'CAKE-CREAM',
      quantity: o.short,
      decision: shopperDecision(ShortageResolution.WAIT_FOR_RESTOCK, [o.line.lineId]),
    };
    await kit.publish(Events.orderLineBackordered, event, o.order.orderId);
    await waitFor(async () => (await kit.api('GET', `/orders/${o.order.orderId}/reservations`)).body.backorders.length === 1, { what: 'back-order queued' });
  }

  it('a restock fills the oldest back-order first; a later small one never jumps an earlier big one', async () => {
    const store = uniqueStore('fifo');
    await kit.stock(store, 'CAKE-CREAM', { onHand: 0, category: 'cakes' });
    const first = await shortOrder(store, 3);
    const second = await shortOrder(store, 1);
    const third = await shortOrder(store, 2);
    for (const o of [first, second, third]) await backorder(store, o);

    // 2 units: the first back-order (3) gets both and stays waiting; nobody else gets any.
    const partial = await kit.api('POST', `/stores/${store}/skus/CAKE-CREAM/restock`, { body: { quantity: 2 } });
    expect(partial.status).toBe(200);
    expect(partial.body).toMatchObject({ stock: { onHand: 2, reserved: 2, available: 0 }, backordersFilled: [] });

    // 3 more: the first completes (1), then the second (1), then the third gets 1 of 2.
    const more = await kit.api('POST', `/stores/${store}/skus/CAKE-CREAM/restock`, { body: { quantity: 3 } });
    expect(more.body.backordersFilled).toEqual([
      { orderId: first.order.orderId, lineId: first.line.lineId, sku: 'CAKE-CREAM', quantity: 3 },
      { orderId: second.order.orderId, lineId: second.line.lineId, sku: 'CAKE-CREAM', quantity: 1 },
    ]);
    expect(more.body.stock).toMatchObject({ onHand: 5, reserved: 5, available: 0 });

    const filledFirst = await kit.nextEvent(Events.inventoryBackorderFilled, first.order.orderId);
    expect(filledFirst.data).toEqual({ orderId: first.order.orderId, storeId: store, lineId: first.line.lineId, sku: 'CAKE-CREAM', quantity: 3 });
    await kit.nextEvent(Events.inventoryBackorderFilled, second.order.orderId);
    expect(kit.events(Events.inventoryBackorderFilled, third.order.orderId)).toHaveLength(0);
    const restocked = await kit.nextEvent(Events.inventoryStockAdjusted, `${store}:CAKE-CREAM`, 2);
    expect(restocked.data).toMatchObject({ reason: 'RESTOCK', delta: 3, onHand: 5, reserved: 5 });

    const last = await kit.api('POST', `/stores/${store}/skus/CAKE-CREAM/restock`, { body: { quantity: 4 } });
    expect(last.body.backordersFilled).toEqual([{ orderId: third.order.orderId, lineId: third.line.lineId, sku: 'CAKE-CREAM', quantity: 2 }]);
    expect(last.body.stock).toMatchObject({ onHand: 9, reserved: 6, available: 3 });
    const view = await kit.api('GET', `/orders/${third.order.orderId}/reservations`);
    expect(view.body).toMatchObject({ status: 'HELD', lines: [{ quantityWanted: 2, quantityHeld: 2, quantityShort: 0 }], backorders: [{ status: 'FILLED', quantityFilled: 2 }] });
  });

  it('a cancelled order leaves the queue, and the units it held serve the back-orders', async () => {
    const store = uniqueStore('cancel');
    await kit.stock(store, 'CAKE-CREAM', { onHand: 1, category: 'cakes' });
    const holder = placedOrder(store, [{ sku: 'CAKE-CREAM', quantity: 1 }]);
    await kit.publish(Events.orderPlaced, holder, holder.orderId);
    await kit.nextEvent(Events.inventoryReserved, holder.orderId);
    const waiting = await shortOrder(store, 1);
    await backorder(store, waiting);

    await kit.publish(Events.orderCancelled, {
      orderId: holder.orderId, shopperId: 'shopper-1', reason: 'cancelled', refundAmountCents: 0,
      decision: shopperDecision(ShortageResolution.CANCEL_ORDER, []),
    }, holder.orderId);
    const filled = await kit.nextEvent(Events.inventoryBackorderFilled, waiting.order.orderId);
    expect(filled.data).toMatchObject({ lineId: waiting.line.lineId, quantity: 1 });
    expect(await kit.level(store, 'CAKE-CREAM')).toMatchObject({ onHand: 1, reserved: 1 });
  });

  // ADR 0014: the order is never dispatched with a line still back-ordered; the shopper changes their
  // mind instead, through the events the order already publishes.
  it('the shopper changes their mind to a refund (order.line-refund-approved): the back-order leaves the queue, a restock goes to others, dispatch commits what is held', async () => {
    const store = uniqueStore('mind');
    await kit.stock(store, 'CAKE-CREAM', { onHand: 1, category: 'cakes' });
    const changes = await shortOrder(store, 3);
    expect(changes.short).toBe(2);
    await backorder(store, changes);
    const later = await shortOrder(store, 1);
    await backorder(store, later);

    await kit.publish(Events.orderLineRefundApproved, {
      orderId: changes.order.orderId, shopperId: 'shopper-1', refundId: randomUUID(), lineId: changes.line.lineId, sku: 'CAKE-CREAM', name: 'cake-cream',
      quantity: 2, amountCents: 200, decision: shopperDecision(ShortageResolution.REFUND_ITEM_SHIP_REST, [changes.line.lineId]),
    }, changes.order.orderId);
    await waitFor(async () => (await kit.api('GET', `/orders/${changes.order.orderId}/reservations`)).body.backorders[0]?.status === 'CANCELLED',
      { what: 'the back-order dropped' });
    const view = await kit.api('GET', `/orders/${changes.order.orderId}/reservations`);
    expect(view.body).toMatchObject({ status: 'HELD', lines: [{ quantityWanted: 1, quantityHeld: 1, quantityShort: 0 }], backorders: [{ status: 'CANCELLED', quantityFilled: 0 }] });

    // The restock skips the dropped back-order: the next one in the queue gets its unit.
    const restock = await kit.api('POST', `/stores/${store}/skus/CAKE-CREAM/restock`, { body: { quantity: 2 } });
    expect(restock.body.backordersFilled).toEqual([{ orderId: later.order.orderId, lineId: later.line.lineId, sku: 'CAKE-CREAM', quantity: 1 }]);
    expect(restock.body.stock).toMatchObject({ onHand: 3, reserved: 2, available: 1 });
    expect(kit.events(Events.inventoryBackorderFilled, changes.order.orderId)).toHaveLength(0);

    await kit.publish(Events.orderDispatched, { orderId: changes.order.orderId, shopperId: 'shopper-1', at: new Date().toISOString() }, changes.order.orderId);
    const committed = await kit.nextEvent(Events.inventoryCommitted, changes.order.orderId);
    expect(committed.data.lines).toEqual([{ lineId: changes.line.lineId, sku: 'CAKE-CREAM', quantity: 1 }]);
    expect(await kit.level(store, 'CAKE-CREAM')).toMatchObject({ onHand: 2, reserved: 1, available: 1 });
  });

  it('the shopper cancels instead of waiting (order.cancelled): the back-order is closed and what the order held serves the queue', async () => {
    const store = uniqueStore('mind-cancel');
    await kit.stock(store, 'CAKE-CREAM', { onHand: 1, category: 'cakes' });
    const cancels = await shortOrder(store, 2);
    await backorder(store, cancels);
    const waiting = await shortOrder(store, 1);
    await backorder(store, waiting);

    await kit.publish(Events.orderCancelled, {
      orderId: cancels.order.orderId, shopperId: 'shopper-1', reason: 'CANCEL_ORDER decided by SHOPPER', refundAmountCents: 200,
      decision: shopperDecision(ShortageResolution.CANCEL_ORDER, [cancels.line.lineId]),
    }, cancels.order.orderId);
    // The unit the cancelled order held goes to the next back-order in line, not back to the cancelled one.
    const filled = await kit.nextEvent(Events.inventoryBackorderFilled, waiting.order.orderId);
    expect(filled.data).toMatchObject({ lineId: waiting.line.lineId, quantity: 1 });
    const view = await kit.api('GET', `/orders/${cancels.order.orderId}/reservations`);
    expect(view.body).toMatchObject({ status: 'RELEASED', backorders: [{ status: 'CANCELLED', quantityFilled: 0 }] });
    const restock = await kit.api('POST', `/stores/${store}/skus/CAKE-CREAM/restock`, { body: { quantity: 5 } });
    expect(restock.body.backordersFilled).toEqual([]);
    expect(kit.events(Events.inventoryBackorderFilled, cancels.order.orderId)).toHaveLength(0);
  });
});
