import { Events, OrderSubstitutionRequestedV1, ShortageResolution } from '@askfirst/contracts';
import { testTokens } from '@askfirst/testing';
import { InventoryTestKit, placedOrder, shopperDecision, uniqueStore } from './support/inventory-test-kit';

describe('substitutes (real Kafka and PostgreSQL)', () => {
  let kit: InventoryTestKit;

  beforeAll(async () => {
    kit = await InventoryTestKit.start('inv-substitute');
  });
  afterAll(async () => {
    await kit?.stop();
  });

  /** An order whose only line (3 cakes) is short by 2, and the store around it. */
  async function shortCakeOrder() {
    const store = uniqueStore('sub');
    await kit.stock(store, 'CAKE-CREAM', { onHand: 1, category: 'cakes', unitPriceCents: 1500 });
    await kit.stock(store, 'CAKE-CARROT', { onHand: 5, category: 'cakes', unitPriceCents: 1400 });
    await kit.stock(store, 'CAKE-LEMON', { onHand: 1, category: 'cakes', unitPriceCents: 1500 });
    await kit.stock(store, 'CAKE-CHOC', { onHand: 9, category: 'cakes', unitPriceCents: 2500 });
    const order = placedOrder(store, [{ sku: 'CAKE-CREAM', quantity: 3 }]);
    await kit.publish(Events.orderPlaced, order, order.orderId);
    await kit.nextEvent(Events.inventoryShortageDetected, order.orderId);
    return { store, order, line: order.lines[0] };
  }

  function request(store: string, orderId: string, lineId: string, quantity: number, substituteSku?: string): OrderSubstitutionRequestedV1 {
    return {
      orderId,
      shopperId: 'shopper-1',
      storeId: store,
      lineId,
      originalSku: 'CAKE-CREAM',
      ...(substituteSku ? { substituteSku } : {}),
      quantity,
      decision: shopperDecision(ShortageResolution.SUBSTITUTE, [lineId], substituteSku),
    };
  }

  it('suggests substitutes over REST: same category, in stock, closest price first', async () => {
    const { store } = await shortCakeOrder();
    const shopper = await kit.api('GET', `/stores/${store}/skus/CAKE-CREAM/substitutes?quantity=2`, { token: await testTokens.shopper('s-9') });
    expect(shopper.status).toBe(200);
    expect(shopper.body.substitutes.map((s: { sku: string }) => s.sku)).toEqual(['CAKE-CARROT', 'CAKE-CHOC']);
  });

  it('best match: holds the closest-priced item of the category that has the whole quantity', async () => {
    const { store, order, line } = await shortCakeOrder();
    const req = request(store, order.orderId, line.lineId, 2);
    await kit.publish(Events.orderSubstitutionRequested, req, order.orderId);

    const reserved = await kit.nextEvent(Events.inventorySubstituteReserved, order.orderId);
    expect(reserved.data).toEqual({
      orderId: order.orderId,
      storeId: store,
      lineId: line.lineId,
      decisionId: req.decision.decisionId,
      sku: 'CAKE-CARROT',
      name: 'cake-carrot',
      quantity: 2,
      unitPriceCents: 1400,
    });
    expect(await kit.level(store, 'CAKE-CARROT')).toMatchObject({ reserved: 2, available: 3 });
    const view = await kit.api('GET', `/orders/${order.orderId}/reservations`);
    expect(view.body.lines).toEqual([
      expect.objectContaining({ sku: 'CAKE-CREAM', quantityWanted: 1, quantityHeld: 1, quantityShort: 0 }),
      expect.objectContaining({ sku: 'CAKE-CARROT', substituteFor: 'CAKE-CREAM', quantityWanted: 2, quantityHeld: 2 }),
    ]);

    // The substitute is part of the order's hold: cancelling gives it back.
    await kit.publish(Events.orderCancelled, {
      orderId: order.orderId, shopperId: 'shopper-1', reason: 'changed mind', refundAmountCents: 0,
      decision: shopperDecision(ShortageResolution.CANCEL_ORDER, [line.lineId]),
    }, order.orderId);
    const released = await kit.nextEvent(Events.inventoryReleased, order.orderId);
    expect(released.data.lines).toEqual([
      { lineId: line.lineId, sku: 'CAKE-CREAM', quantity: 1 },
      { lineId: line.lineId, sku: 'CAKE-CARROT', quantity: 2 },
    ]);
    expect(await kit.level(store, 'CAKE-CARROT')).toMatchObject({ reserved: 0 });
  });

  it('named SKU: holds exactly that one', async () => {
    const { store, order, line } = await shortCakeOrder();
    await kit.publish(Events.orderSubstitutionRequested, request(store, order.orderId, line.lineId, 2, 'CAKE-CHOC'), order.orderId);
    const reserved = await kit.nextEvent(Events.inventorySubstituteReserved, order.orderId);
    expect(reserved.data).toMatchObject({ sku: 'CAKE-CHOC', quantity: 2, unitPriceCents: 2500 });
    expect(await kit.level(store, 'CAKE-CHOC')).toMatchObject({ reserved: 2 });
  });

  it('unavailable: the named SKU has too few units, or is not sold here, and nothing is held', async () => {
    const { store, order, line } = await shortCakeOrder();
    const tooFew = request(store, order.orderId, line.lineId, 2, 'CAKE-LEMON');
    const unknown = request(store, order.orderId, line.lineId, 2, 'CAKE-UNICORN');
    await kit.produce(kit.envelope(Events.orderSubstitutionRequested, tooFew, order.orderId), kit.envelope(Events.orderSubstitutionRequested, unknown, order.orderId));

    const first = await kit.nextEvent(Events.inventorySubstituteUnavailable, order.orderId);
    const second = await kit.nextEvent(Events.inventorySubstituteUnavailable, order.orderId, 2);
    expect(first.data).toMatchObject({ lineId: line.lineId, decisionId: tooFew.decision.decisionId, requestedSku: 'CAKE-LEMON', reason: 'only 1 of CAKE-LEMON available, 2 needed' });
    expect(second.data).toMatchObject({ decisionId: unknown.decision.decisionId, requestedSku: 'CAKE-UNICORN', reason: expect.stringContaining('not listed') });
    expect(await kit.level(store, 'CAKE-LEMON')).toMatchObject({ reserved: 0 });
  });

  it('unavailable: no item of the category has the whole quantity for a best match', async () => {
    const { store, order, line } = await shortCakeOrder();
    await kit.publish(Events.orderSubstitutionRequested, request(store, order.orderId, line.lineId, 50), order.orderId);
    const unavailable = await kit.nextEvent(Events.inventorySubstituteUnavailable, order.orderId);
    expect(unavailable.data).toMatchObject({ lineId: line.lineId, reason: 'no cakes item has 50 available' });
    expect(unavailable.data.requestedSku).toBeUndefined();
    expect(kit.events(Events.inventorySubstituteReserved, order.orderId)).toHaveLength(0);
  });
});
