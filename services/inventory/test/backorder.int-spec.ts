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
});
