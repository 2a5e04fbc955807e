import { Events, OrderState, LineState, StockAdjustmentReason } from '@askfirst/contracts';
import { testTokens } from '@askfirst/testing';
import { cakeAndSnacks, reservedAll, shortageOf, shopperNotified } from './support/order-builders';
import { OrderServiceHarness } from './support/order-service.harness';

const REFUND_REQUESTED = Events.orderRefundRequested.type;

/**
 * A cream cake and snacks are confirmed; at picking the cake turns out missing. The order ends
 * where the shopper's choice says, with the decision's source recorded, and no refund is requested
 * before the shopper has been told (I2).
 */
describe('the disappearing cake under each shortage choice (real Kafka and PostgreSQL)', () => {
  const h = new OrderServiceHarness('order-cake');
  let shopper: string;

  beforeAll(async () => {
    await h.start();
    shopper = await testTokens.shopper('shopper-cake');
  });
  afterAll(() => h.stop());

  async function confirmedCakeOrder(onShortage: Record<string, unknown>): Promise<any> {
    const placed = await h.request('POST', '/orders', shopper, cakeAndSnacks(onShortage));
    expect(placed.status).toBe(201);
    await h.produce(...reservedAll(placed.body));
    return h.waitForOrder(placed.body.id, (o) => o.state === OrderState.CONFIRMED, 'confirmed');
  }

  async function cakeGoesMissing(order: any): Promise<void> {
    await h.produce(...shortageOf(order, { 'CAKE-CREAM': 1 }));
  }

  it('REFUND_ITEM_SHIP_REST: cake refunded after the notice, snacks ship; exactly one refund request', async () => {
    const order = await confirmedCakeOrder({ choice: 'REFUND_ITEM_SHIP_REST' });
    await cakeGoesMissing(order);
    const [approved] = await h.waitForPublished(order.id, Events.orderLineRefundApproved.type);
    const pending = await h.getOrder(order.id);
    expect(pending.state).toBe(OrderState.CONFIRMED);
    expect(pending.lines.map((l: any) => l.state)).toEqual([LineState.REFUND_PENDING_NOTICE, LineState.RESERVED]);
    expect(pending.decisions).toEqual([expect.objectContaining({ source: 'SHOPPER_PRESET', resolution: 'REFUND_ITEM_SHIP_REST' })]);
    expect(pending.refunds).toEqual([expect.objectContaining({ id: approved.data.refundId, status: 'PENDING_NOTICE', amountCents: 1500 })]);
    expect(h.published(order.id, REFUND_REQUESTED)).toHaveLength(0);

    await h.produce(...shopperNotified(order, approved, [approved.data.refundId]));
    const [requested] = await h.waitForPublished(order.id, REFUND_REQUESTED);
    expect(requested.data).toMatchObject({ refundId: approved.data.refundId, amountCents: 1500, decision: { source: 'SHOPPER_PRESET' } });
    const done = await h.waitForOrder(order.id, (o) => o.refunds[0].status === 'REQUESTED', 'refund requested');
    expect(done.lines[0].state).toBe(LineState.REFUNDED);
    expect(done.timeline.map((t: any) => t.eventType)).toEqual(expect.arrayContaining([
      'order.placed.v1', 'inventory.reserved.v1', 'order.confirmed.v1', 'inventory.shortage-detected.v1', 'order.decision-recorded.v1',
      'order.line-refund-approved.v1', 'notification.shopper-notified.v1', 'order.refund-requested.v1',
    ]));
    // A redelivered notice (new event id, same refund) requests nothing twice.
    await h.produce(...shopperNotified(order, approved, [approved.data.refundId]));
    await h.waitForOrder(order.id, (o) => o.timeline.filter((t: any) => t.eventType === 'notification.shopper-notified.v1').length === 2, 'second notice recorded');
    expect(h.published(order.id, REFUND_REQUESTED)).toHaveLength(1);
  });

  it('CANCEL_ORDER: the whole order is cancelled with a full refund, requested only after the notice', async () => {
    const order = await confirmedCakeOrder({ choice: 'CANCEL_ORDER' });
    await cakeGoesMissing(order);
    const [cancelled] = await h.waitForPublished(order.id, Events.orderCancelled.type);
    expect(cancelled.data).toMatchObject({ refundAmountCents: 2100, decision: { source: 'SHOPPER_PRESET', resolution: 'CANCEL_ORDER' } });
    const pending = await h.getOrder(order.id);
    expect(pending.state).toBe(OrderState.CANCELLED);
    expect(pending.lines.every((l: any) => l.state === LineState.CANCELLED)).toBe(true);
    expect(pending.refunds).toEqual([expect.objectContaining({ id: cancelled.data.refundId, status: 'PENDING_NOTICE', amountCents: 2100, reason: 'ORDER_CANCELLED' })]);
    expect(h.published(order.id, REFUND_REQUESTED)).toHaveLength(0);

    await h.produce(...shopperNotified(order, cancelled, [cancelled.data.refundId]));
    const [requested] = await h.waitForPublished(order.id, REFUND_REQUESTED);
    expect(requested.data).toMatchObject({ refundId: cancelled.data.refundId, amountCents: 2100, lines: [{ sku: 'CAKE-CREAM', quantity: 1 }, { sku: 'SNACK-MIX', quantity: 2 }] });
    // Stock facts after the cancellation change nothing and stay in the story.
    await h.produce(...reservedAll(order));
    await h.waitForOrder(order.id, (o) => o.timeline.some((t: any) => t.kind === 'IGNORED'), 'late stock fact ignored');
    expect(h.published(order.id, REFUND_REQUESTED)).toHaveLength(1);
  });

  it('SUBSTITUTE: inventory is asked for the shopper\'s named SKU; the held substitute replaces the cake, nothing is refunded', async () => {
    const order = await confirmedCakeOrder({ choice: 'SUBSTITUTE', substituteSku: 'CAKE-CHOC' });
    await cakeGoesMissing(order);
    const [asked] = await h.waitForPublished(order.id, Events.orderSubstitutionRequested.type);
    expect(asked.data).toMatchObject({ originalSku: 'CAKE-CREAM', substituteSku: 'CAKE-CHOC', quantity: 1, decision: { source: 'SHOPPER_PRESET', resolution: 'SUBSTITUTE' } });
    await h.produce(Events.inventorySubstituteReserved, {
      orderId: order.id, storeId: order.storeId, lineId: asked.data.lineId, decisionId: asked.data.decision.decisionId, sku: 'CAKE-CHOC',
      name: 'Chocolate cake', quantity: 1, unitPriceCents: 1400,
    }, order.id);
    await h.waitForPublished(order.id, Events.orderLineSubstituted.type);
    const done = await h.getOrder(order.id);
    expect(done.state).toBe(OrderState.CONFIRMED);
    expect(done.lines[0]).toMatchObject({ state: LineState.SUBSTITUTED, substitute: { sku: 'CAKE-CHOC', quantity: 1 } });
    expect(done.refunds).toEqual([]);
    expect(h.published(order.id, Events.orderLineRefundApproved.type)).toHaveLength(0);
  });

  it('SUBSTITUTE with none available: the cake falls to the shopper\'s fallback (SHOPPER_PRESET_FALLBACK), refunded after notice', async () => {
    const order = await confirmedCakeOrder({ choice: 'SUBSTITUTE' });
    await cakeGoesMissing(order);
    const [asked] = await h.waitForPublished(order.id, Events.orderSubstitutionRequested.type);
    expect(asked.data.substituteSku).toBeUndefined();
    await h.produce(Events.inventorySubstituteUnavailable, {
      orderId: order.id, storeId: order.storeId, lineId: asked.data.lineId, decisionId: asked.data.decision.decisionId, reason: 'no cake in the category',
    }, order.id);
    const [approved] = await h.waitForPublished(order.id, Events.orderLineRefundApproved.type);
    expect(approved.data.decision).toMatchObject({ source: 'SHOPPER_PRESET_FALLBACK', resolution: 'REFUND_ITEM_SHIP_REST', fallbackReason: 'SUBSTITUTE_UNAVAILABLE' });
    expect(h.published(order.id, REFUND_REQUESTED)).toHaveLength(0);
    await h.produce(...shopperNotified(order, approved, [approved.data.refundId]));
    await h.waitForPublished(order.id, REFUND_REQUESTED);
    const done = await h.getOrder(order.id);
    expect(done.decisions.map((d: any) => d.source)).toEqual(['SHOPPER_PRESET', 'SHOPPER_PRESET_FALLBACK']);
  });

  it('CONTACT_ME: the order waits for the shopper (owner and deadline shown); their answer applies with source SHOPPER', async () => {
    const order = await confirmedCakeOrder({ choice: 'CONTACT_ME', ifNoAnswerWithin: 1440, thenFallback: 'CANCEL_ORDER' });
    await cakeGoesMissing(order);
    const [awaiting] = await h.waitForPublished(order.id, Events.orderAwaitingShopperDecision.type);
    expect(awaiting.data).toMatchObject({ stage: 'PICKING', fallback: 'CANCEL_ORDER', shortLines: [{ sku: 'CAKE-CREAM', quantityShort: 1, substitutes: [{ sku: 'CAKE-CHOC' }] }] });
    const waiting = await h.getOrder(order.id, shopper);
    expect(waiting).toMatchObject({ state: OrderState.AWAITING_SHOPPER_DECISION, currentOwner: 'SHOPPER', decisionDeadline: awaiting.data.decisionDeadline, waitingLineIds: [order.lines[0].id] });
    expect(waiting.decisions).toEqual([]);

    const decided = await h.request('POST', `/orders/${order.id}/decision`, shopper, { resolution: 'REFUND_ITEM_SHIP_REST' });
    expect(decided.status).toBe(200);
    expect(decided.body).toMatchObject({ state: OrderState.CONFIRMED, currentOwner: null, decisionDeadline: null });
    expect(decided.body.decisions).toEqual([expect.objectContaining({ source: 'SHOPPER', resolution: 'REFUND_ITEM_SHIP_REST', decidedBy: 'shopper-cake' })]);
    const [approved] = await h.waitForPublished(order.id, Events.orderLineRefundApproved.type);
    expect(h.published(order.id, REFUND_REQUESTED)).toHaveLength(0);
    await h.produce(...shopperNotified(order, approved, [approved.data.refundId]));
    const [requested] = await h.waitForPublished(order.id, REFUND_REQUESTED);
    expect(requested.data.decision).toMatchObject({ source: 'SHOPPER' });
    expect(h.published(order.id, Events.orderCancelled.type)).toHaveLength(0);
  });

  it('after packing (READY) a recount takes the cake: the shopper is asked, their answer applies, and only then the order leaves', async () => {
    const order = await confirmedCakeOrder({ choice: 'CONTACT_ME', ifNoAnswerWithin: 1440, thenFallback: 'CANCEL_ORDER' });
    const picker = await testTokens.service('picker-app');
    for (const step of ['picking-started', 'ready']) expect((await h.request('POST', `/orders/${order.id}/${step}`, picker)).status).toBe(200);
    const [, recount, key] = shortageOf(order, { 'CAKE-CREAM': 1 });
    await h.produce(Events.inventoryShortageDetected, { ...recount, reason: StockAdjustmentReason.RECOUNT }, key);

    const [awaiting] = await h.waitForPublished(order.id, Events.orderAwaitingShopperDecision.type);
    expect(awaiting.data).toMatchObject({ stage: 'PICKING', shortLines: [{ sku: 'CAKE-CREAM', quantityShort: 1 }] });
    const early = await h.request('POST', `/orders/${order.id}/dispatched`, picker);
    expect(early).toMatchObject({ status: 409, body: { current: { state: OrderState.AWAITING_SHOPPER_DECISION } } });

    const decided = await h.request('POST', `/orders/${order.id}/decision`, shopper, { resolution: 'REFUND_ITEM_SHIP_REST' });
    expect(decided).toMatchObject({ status: 200, body: { state: OrderState.READY, decisions: [{ source: 'SHOPPER', resolution: 'REFUND_ITEM_SHIP_REST' }] } });
    const [approved] = await h.waitForPublished(order.id, Events.orderLineRefundApproved.type);
    expect(approved.data).toMatchObject({ sku: 'CAKE-CREAM', quantity: 1, amountCents: 1500 });
    expect((await h.request('POST', `/orders/${order.id}/dispatched`, picker)).body.state).toBe(OrderState.DISPATCHED);
    expect(h.published(order.id, REFUND_REQUESTED)).toHaveLength(0);
  });
});
