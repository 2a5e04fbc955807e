import { randomUUID } from 'node:crypto';
import { DecisionSource, Events, OrderCancelledV1, OrderLineRefundApprovedV1, ShortageResolution } from '@askfirst/contracts';
import { waitFor } from '@askfirst/testing';
import { InventoryTestKit, placedOrder, uniqueStore } from './support/inventory-test-kit';

describe('reserving on order.placed (real Kafka and PostgreSQL)', () => {
  let kit: InventoryTestKit;

  beforeAll(async () => {
    kit = await InventoryTestKit.start('inv-reserve');
  });
  afterAll(async () => {
    await kit?.stop();
  });

  it('holds every line and answers inventory.reserved', async () => {
    const store = uniqueStore('full');
    await kit.stock(store, 'CAKE-CREAM', { onHand: 2, category: 'cakes' });
    await kit.stock(store, 'CHIPS-SALT', { onHand: 10, category: 'snacks' });
    const order = placedOrder(store, [{ sku: 'CAKE-CREAM', quantity: 1 }, { sku: 'CHIPS-SALT', quantity: 3 }]);
    await kit.publish(Events.orderPlaced, order, order.orderId);

    const reserved = await kit.nextEvent(Events.inventoryReserved, order.orderId);
    expect(reserved.data).toEqual({
      orderId: order.orderId,
      storeId: store,
      lines: [
        { lineId: order.lines[0].lineId, sku: 'CAKE-CREAM', quantity: 1 },
        { lineId: order.lines[1].lineId, sku: 'CHIPS-SALT', quantity: 3 },
      ],
    });
    expect(reserved.causationId).toBeDefined();
    expect(await kit.level(store, 'CAKE-CREAM')).toMatchObject({ onHand: 2, reserved: 1, available: 1 });
    expect(await kit.level(store, 'CHIPS-SALT')).toMatchObject({ onHand: 10, reserved: 3, available: 7 });
  });

  it('partial shortage: 3 ordered, 1 left → holds 1, reports 2 short with substitutes and the restock ETA', async () => {
    const store = uniqueStore('partial');
    const eta = '2031-05-01T08:00:00.000Z';
    await kit.stock(store, 'CAKE-CREAM', { onHand: 1, category: 'cakes', unitPriceCents: 1500, restockEta: eta });
    await kit.stock(store, 'CAKE-CARROT', { onHand: 4, category: 'cakes', unitPriceCents: 1400 });
    await kit.stock(store, 'CAKE-LEMON', { onHand: 2, category: 'cakes', unitPriceCents: 1700 });
    await kit.stock(store, 'CAKE-EMPTY', { onHand: 0, category: 'cakes', unitPriceCents: 1500 });
    await kit.stock(store, 'BREAD-RYE', { onHand: 9, category: 'bakery', unitPriceCents: 1500 });
    const order = placedOrder(store, [{ sku: 'CAKE-CREAM', quantity: 3 }]);
    await kit.publish(Events.orderPlaced, order, order.orderId);

    const shortage = await kit.nextEvent(Events.inventoryShortageDetected, order.orderId);
    expect(shortage.data).toEqual({
      orderId: order.orderId,
      storeId: store,
      stage: 'RESERVATION',
      lines: [
        {
          lineId: order.lines[0].lineId,
          sku: 'CAKE-CREAM',
          quantityOrdered: 3,
          quantityReserved: 1,
          quantityShort: 2,
          restockEta: eta,
          substitutes: [
            { sku: 'CAKE-CARROT', name: 'cake-carrot', available: 4, unitPriceCents: 1400 },
            { sku: 'CAKE-LEMON', name: 'cake-lemon', available: 2, unitPriceCents: 1700 },
          ],
        },
      ],
      reservedLines: [],
    });
    expect(kit.events(Events.inventoryReserved, order.orderId)).toHaveLength(0);
    expect(await kit.level(store, 'CAKE-CREAM')).toMatchObject({ onHand: 1, reserved: 1, available: 0 });
  });

  it('treats a SKU the store does not list as fully short, and names the lines held in full', async () => {
    const store = uniqueStore('unknown');
    await kit.stock(store, 'MILK-OAT', { onHand: 5 });
    const order = placedOrder(store, [{ sku: 'MILK-OAT', quantity: 2 }, { sku: 'GHOST-SKU', quantity: 1 }]);
    await kit.publish(Events.orderPlaced, order, order.orderId);

    const shortage = await kit.nextEvent(Events.inventoryShortageDetected, order.orderId);
    expect(shortage.data.lines).toEqual([
      { lineId: order.lines[1].lineId, sku: 'GHOST-SKU', quantityOrdered: 1, quantityReserved: 0, quantityShort: 1, substitutes: [] },
    ]);
    expect(shortage.data.reservedLines).toEqual([{ lineId: order.lines[0].lineId, sku: 'MILK-OAT', quantity: 2 }]);
  });

  it('a duplicate order.placed (same event redelivered, or re-published) reserves once', async () => {
    const store = uniqueStore('dup');
    await kit.stock(store, 'EGGS-6', { onHand: 5 });
    const order = placedOrder(store, [{ sku: 'EGGS-6', quantity: 2 }]);
    const envelope = kit.envelope(Events.orderPlaced, order, order.orderId);
    const republished = kit.envelope(Events.orderPlaced, order, order.orderId);
    await kit.produce(envelope, envelope, republished);
    await kit.produce(envelope);
    // A cancel behind the duplicates on the same key: once it is handled, they all were.
    await kit.publish(Events.orderCancelled, cancelledOf(order.orderId), order.orderId);

    await kit.nextEvent(Events.inventoryReleased, order.orderId);
    expect(kit.events(Events.inventoryReserved, order.orderId)).toHaveLength(1);
    const released = kit.events(Events.inventoryReleased, order.orderId);
    expect(released).toHaveLength(1);
    expect(released[0].data.lines).toEqual([{ lineId: order.lines[0].lineId, sku: 'EGGS-6', quantity: 2 }]);
    const inbox = await kit.db.query(`SELECT count(*)::int AS n FROM inbox_messages WHERE event_type = 'order.placed.v1' AND event_id = $1`, [envelope.id]);
    expect(inbox[0].n).toBe(1);
    expect(await kit.level(store, 'EGGS-6')).toMatchObject({ onHand: 5, reserved: 0 });
  });

  it('releases every held unit on order.cancelled, once', async () => {
    const store = uniqueStore('cancel');
    await kit.stock(store, 'CAKE-CREAM', { onHand: 3 });
    await kit.stock(store, 'CHIPS-SALT', { onHand: 3 });
    const order = placedOrder(store, [{ sku: 'CAKE-CREAM', quantity: 2 }, { sku: 'CHIPS-SALT', quantity: 5 }]);
    await kit.publish(Events.orderPlaced, order, order.orderId);
    await kit.nextEvent(Events.inventoryShortageDetected, order.orderId);
    expect(await kit.level(store, 'CHIPS-SALT')).toMatchObject({ reserved: 3 });

    await kit.publish(Events.orderCancelled, cancelledOf(order.orderId), order.orderId);
    await kit.publish(Events.orderCancelled, cancelledOf(order.orderId), order.orderId);
    const released = await kit.nextEvent(Events.inventoryReleased, order.orderId);
    expect(released.data.lines).toEqual([
      { lineId: order.lines[0].lineId, sku: 'CAKE-CREAM', quantity: 2 },
      { lineId: order.lines[1].lineId, sku: 'CHIPS-SALT', quantity: 3 },
    ]);
    await waitFor(async () => (await kit.api('GET', `/orders/${order.orderId}/reservations`)).body.status === 'RELEASED');
    expect(await kit.level(store, 'CAKE-CREAM')).toMatchObject({ onHand: 3, reserved: 0 });
    expect(await kit.level(store, 'CHIPS-SALT')).toMatchObject({ onHand: 3, reserved: 0 });
    expect(kit.events(Events.inventoryReleased, order.orderId)).toHaveLength(1);
  });

  it('commits held units on order.dispatched: on-hand and reserved both drop', async () => {
    const store = uniqueStore('dispatch');
    await kit.stock(store, 'CAKE-CREAM', { onHand: 4 });
    const order = placedOrder(store, [{ sku: 'CAKE-CREAM', quantity: 3 }]);
    await kit.publish(Events.orderPlaced, order, order.orderId);
    await kit.nextEvent(Events.inventoryReserved, order.orderId);

    await kit.publish(Events.orderDispatched, { orderId: order.orderId, shopperId: order.shopperId, at: new Date().toISOString() }, order.orderId);
    const committed = await kit.nextEvent(Events.inventoryCommitted, order.orderId);
    expect(committed.data.lines).toEqual([{ lineId: order.lines[0].lineId, sku: 'CAKE-CREAM', quantity: 3 }]);
    expect(await kit.level(store, 'CAKE-CREAM')).toMatchObject({ onHand: 1, reserved: 0, available: 1 });
    const view = await kit.api('GET', `/orders/${order.orderId}/reservations`);
    expect(view.body).toMatchObject({ status: 'COMMITTED', lines: [{ sku: 'CAKE-CREAM', quantityCommitted: 3, quantityHeld: 0 }] });
  });

  it('on a line refund, keeps what the line still ships and releases units no longer wanted', async () => {
    const store = uniqueStore('refund');
    await kit.stock(store, 'CAKE-CREAM', { onHand: 1 });
    await kit.stock(store, 'CHIPS-SALT', { onHand: 5 });
    const order = placedOrder(store, [{ sku: 'CAKE-CREAM', quantity: 3 }, { sku: 'CHIPS-SALT', quantity: 2 }]);
    const [cake, chips] = order.lines;
    await kit.publish(Events.orderPlaced, order, order.orderId);
    await kit.nextEvent(Events.inventoryShortageDetected, order.orderId);

    const refund = (line: typeof cake, quantity: number): OrderLineRefundApprovedV1 => ({
      orderId: order.orderId, shopperId: order.shopperId, refundId: randomUUID(), lineId: line.lineId, sku: line.sku, name: line.name,
      quantity, amountCents: quantity * 100,
      decision: { decisionId: randomUUID(), source: DecisionSource.SHOPPER_PRESET, resolution: ShortageResolution.REFUND_ITEM_SHIP_REST, lineIds: [line.lineId] },
    });
    // The short part of the cake line: the one held cake still ships, nothing is released.
    await kit.publish(Events.orderLineRefundApproved, refund(cake, 2), order.orderId);
    // The whole chips line: both held units go back on the shelf.
    await kit.publish(Events.orderLineRefundApproved, refund(chips, 2), order.orderId);

    const released = await kit.nextEvent(Events.inventoryReleased, order.orderId);
    expect(released.data.lines).toEqual([{ lineId: chips.lineId, sku: 'CHIPS-SALT', quantity: 2 }]);
    expect(kit.events(Events.inventoryReleased, order.orderId)).toHaveLength(1);
    expect(await kit.level(store, 'CHIPS-SALT')).toMatchObject({ reserved: 0 });
    expect(await kit.level(store, 'CAKE-CREAM')).toMatchObject({ reserved: 1 });
    const view = await kit.api('GET', `/orders/${order.orderId}/reservations`);
    expect(view.body.lines).toEqual([
      expect.objectContaining({ sku: 'CAKE-CREAM', quantityWanted: 1, quantityHeld: 1, quantityShort: 0 }),
      expect.objectContaining({ sku: 'CHIPS-SALT', quantityWanted: 0, quantityHeld: 0, quantityShort: 0 }),
    ]);
  });

  it('dead-letters a dispatch for an order it never reserved (retrying cannot help)', async () => {
    const orderId = placedOrder('nowhere', [{ sku: 'CAKE-CREAM', quantity: 1 }]).orderId;
    await kit.publish(Events.orderDispatched, { orderId, shopperId: 'shopper-1', at: new Date().toISOString() }, orderId);
    const dead = await waitFor(() => kit.deadLetters().find((d) => d.type === Events.orderDispatched.type));
    expect(dead.headers['x-dlq-error']).toContain('UnprocessableEventError');
  });
});

function cancelledOf(orderId: string): OrderCancelledV1 {
  return {
    orderId,
    shopperId: 'shopper-1',
    reason: 'shopper cancelled',
    decision: { decisionId: randomUUID(), source: DecisionSource.SHOPPER, resolution: ShortageResolution.CANCEL_ORDER, lineIds: [] },
    refundAmountCents: 0,
  };
}
