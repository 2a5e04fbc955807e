import { Events, LineState, OrderState } from '@askfirst/contracts';
import { testTokens, waitFor } from '@askfirst/testing';
import { cakeAndSnacks, reservedAll, shortageOf, shopperNotified } from './support/order-builders';
import { OrderServiceHarness } from './support/order-service.harness';

/**
 * CONTACT_ME deadlines are rows, polled by a durable scheduler: with ORDER_DECISION_WINDOW_SCALE
 * 0.001 a one-minute window closes after 60 ms, and a window survives a restart of the service.
 */
describe('decision deadlines: the shopper\'s own fallback applies when nobody answers (I4)', () => {
  const h = new OrderServiceHarness('order-deadline');
  let shopper: string;

  beforeAll(async () => {
    await h.start();
    shopper = await testTokens.shopper('shopper-deadline');
  });
  afterAll(() => h.stop());

  async function cakeMissingUnder(onShortage: Record<string, unknown>): Promise<any> {
    const order = (await h.request('POST', '/orders', shopper, cakeAndSnacks(onShortage))).body;
    await h.produce(...reservedAll(order));
    await h.waitForOrder(order.id, (o) => o.state === OrderState.CONFIRMED, 'confirmed');
    await h.produce(...shortageOf(order, { 'CAKE-CREAM': 1 }));
    return order;
  }

  it('CONTACT_ME then REFUND_ITEM_SHIP_REST: at the deadline the cake is refunded (SHOPPER_PRESET_FALLBACK), requested only after notice', async () => {
    const order = await cakeMissingUnder({ choice: 'CONTACT_ME', ifNoAnswerWithin: 1, thenFallback: 'REFUND_ITEM_SHIP_REST' });
    const [awaiting] = await h.waitForPublished(order.id, Events.orderAwaitingShopperDecision.type);
    const [approved] = await h.waitForPublished(order.id, Events.orderLineRefundApproved.type);
    expect(new Date(approved.time).getTime()).toBeGreaterThanOrEqual(new Date(awaiting.data.decisionDeadline).getTime());
    expect(approved.data.decision).toMatchObject({ source: 'SHOPPER_PRESET_FALLBACK', resolution: 'REFUND_ITEM_SHIP_REST', fallbackReason: 'NO_ANSWER' });
    const after = await h.getOrder(order.id);
    expect(after).toMatchObject({ state: OrderState.CONFIRMED, currentOwner: null });
    expect(after.decisions).toEqual([expect.objectContaining({ source: 'SHOPPER_PRESET_FALLBACK', fallbackReason: 'NO_ANSWER' })]);
    expect(after.timeline.find((t: any) => t.eventId === approved.id).summary).toContain('(15.00 EUR)');
    expect(h.published(order.id, Events.orderRefundRequested.type)).toHaveLength(0);

    await h.produce(...shopperNotified(order, approved, [approved.data.refundId]));
    await h.waitForPublished(order.id, Events.orderRefundRequested.type);
    // The shopper answering after the fallback applied is too late: 409 with the current state.
    const late = await h.request('POST', `/orders/${order.id}/decision`, shopper, { resolution: 'WAIT_FOR_RESTOCK' });
    expect(late).toMatchObject({ status: 409, body: { code: 'TRANSITION_NOT_ALLOWED', current: { state: 'CONFIRMED' } } });
  });

  it('KEEP_HOLDING: ON_HOLD for a supervisor with order.held, never a refund; an agent\'s recorded decision later resolves it', async () => {
    const order = await cakeMissingUnder({ choice: 'CONTACT_ME', ifNoAnswerWithin: 1, thenFallback: 'KEEP_HOLDING' });
    const [held] = await h.waitForPublished(order.id, Events.orderHeld.type);
    expect(held.data.decision).toMatchObject({ source: 'SHOPPER_PRESET_FALLBACK', resolution: 'KEEP_HOLDING' });
    const onHold = await h.getOrder(order.id);
    expect(onHold).toMatchObject({ state: OrderState.ON_HOLD, currentOwner: 'SUPERVISOR', decisionDeadline: held.data.reviewBy, refunds: [] });
    expect(onHold.lines[0]).toMatchObject({ state: LineState.SHORT, waitingForDecision: true });
    expect(h.published(order.id, Events.orderLineRefundApproved.type)).toHaveLength(0);
    expect(h.published(order.id, Events.orderCancelled.type)).toHaveLength(0);

    await h.produce(Events.caseDecisionRecorded, {
      caseId: '00000000-0000-4000-8000-0000000ca5e1', orderId: order.id, shopperId: 'shopper-deadline', caseType: 'ESCALATION' as never, agentId: 'agent-7',
      decision: { decisionId: '00000000-0000-4000-8000-0000000de011', source: 'AGENT_FOR_SHOPPER' as never, resolution: 'WAIT_FOR_RESTOCK' as never, lineIds: [] },
    }, order.id);
    const [backordered] = await h.waitForPublished(order.id, Events.orderLineBackordered.type);
    expect(backordered.data.decision).toMatchObject({ source: 'AGENT_FOR_SHOPPER', decisionId: '00000000-0000-4000-8000-0000000de011' });
    const resolved = await h.waitForOrder(order.id, (o) => o.state === OrderState.CONFIRMED, 'resumed');
    expect(resolved.decisions).toEqual([
      expect.objectContaining({ source: 'SHOPPER_PRESET_FALLBACK', resolution: 'KEEP_HOLDING' }),
      expect.objectContaining({ source: 'AGENT_FOR_SHOPPER', resolution: 'WAIT_FOR_RESTOCK', decidedBy: 'agent-7', caseId: '00000000-0000-4000-8000-0000000ca5e1' }),
    ]);
    // The restock arrives: the back-ordered cake is held again.
    await h.produce(Events.inventoryBackorderFilled, { orderId: order.id, storeId: order.storeId, lineId: order.lines[0].id, sku: 'CAKE-CREAM', quantity: 1 }, order.id);
    await h.waitForOrder(order.id, (o) => o.lines[0].state === LineState.RESERVED, 'back-order filled');
    // ...and the shopper is told through order.backorder-filled, published with the change.
    const [filled] = await h.waitForPublished(order.id, Events.orderBackorderFilled.type);
    expect(filled.data).toEqual({ orderId: order.id, shopperId: 'shopper-deadline', storeId: order.storeId, lineId: order.lines[0].id, sku: 'CAKE-CREAM', quantity: 1 });
    expect(h.published(order.id, Events.orderRefundRequested.type)).toHaveLength(0);
    expect((await h.getOrder(order.id)).refunds).toEqual([]);
  });

  it('each line keeps its own window: a 1-minute line falls back alone, a 100-minute line waits its full window', async () => {
    const contact = (minutes: number) => ({ choice: 'CONTACT_ME', ifNoAnswerWithin: minutes, thenFallback: 'REFUND_ITEM_SHIP_REST' });
    const placed = (await h.request('POST', '/orders', shopper, cakeAndSnacks(contact(1), {
      lines: [
        { sku: 'CAKE-CREAM', name: 'Cream cake', quantity: 1, unitPriceCents: 1500 },
        { sku: 'SNACK-MIX', name: 'Snack mix', quantity: 2, unitPriceCents: 300, onShortage: contact(100) },
      ],
    }))).body;
    await h.produce(...reservedAll(placed));
    await h.waitForOrder(placed.id, (o) => o.state === OrderState.CONFIRMED, 'confirmed');
    await h.produce(...shortageOf(placed, { 'CAKE-CREAM': 1, 'SNACK-MIX': 1 }));
    const [awaiting] = await h.waitForPublished(placed.id, Events.orderAwaitingShopperDecision.type);
    const [cake, snacks] = placed.lines.map((l: any) => l.id);

    // At scale 0.001: the cake's window is 60 ms, the snacks' 6 s from the same shortage.
    const [first, second] = await h.waitForPublished(placed.id, Events.orderDecisionRecorded.type, 2);
    expect(first.data.decision).toMatchObject({ lineIds: [cake], source: 'SHOPPER_PRESET_FALLBACK', fallbackReason: 'NO_ANSWER' });
    expect(second.data.decision).toMatchObject({ lineIds: [snacks], source: 'SHOPPER_PRESET_FALLBACK', fallbackReason: 'NO_ANSWER' });
    const snacksDeadline = new Date(awaiting.data.decisionDeadline).getTime() + (100 - 1) * 60;
    expect(new Date(first.time).getTime()).toBeLessThan(snacksDeadline);
    expect(new Date(second.time).getTime()).toBeGreaterThanOrEqual(snacksDeadline);
    const done = await h.getOrder(placed.id);
    expect(done).toMatchObject({ state: OrderState.CONFIRMED, decisionDeadline: null });
    expect(done.refunds.map((r: any) => r.amountCents)).toEqual([1500, 300]);
  }, 30_000);

  it('a deadline survives a restart: the window opens, the service stops, a new instance applies the fallback', async () => {
    // 200 minutes at scale 0.001: a 12 s window, longer than a graceful stop and a boot.
    const order = await cakeMissingUnder({ choice: 'CONTACT_ME', ifNoAnswerWithin: 200, thenFallback: 'CANCEL_ORDER' });
    const [awaiting] = await h.waitForPublished(order.id, Events.orderAwaitingShopperDecision.type);
    await h.stopService();
    const [row] = await h.sql(`SELECT state, decision_deadline FROM orders WHERE id = $1`, [order.id]);
    expect(row.state).toBe(OrderState.AWAITING_SHOPPER_DECISION);
    expect(row.decision_deadline.toISOString()).toBe(awaiting.data.decisionDeadline);
    const lines = await h.sql(`SELECT sku, decision_deadline FROM order_lines WHERE order_id = $1 AND waiting_for = 'SHOPPER'`, [order.id]);
    expect(lines.map((l) => [l.sku, l.decision_deadline.toISOString()])).toEqual([['CAKE-CREAM', awaiting.data.decisionDeadline]]);

    await h.boot();
    const [cancelled] = await waitFor(() => {
      const found = h.published(order.id, Events.orderCancelled.type);
      return found.length ? found : undefined;
    }, { timeoutMs: 30_000, what: 'the fallback applied by the restarted service' });
    expect(new Date(cancelled.time).getTime()).toBeGreaterThanOrEqual(new Date(awaiting.data.decisionDeadline).getTime());
    expect(cancelled.data).toMatchObject({ refundAmountCents: 2100, decision: { source: 'SHOPPER_PRESET_FALLBACK', resolution: 'CANCEL_ORDER' } });
    expect((await h.getOrder(order.id)).state).toBe(OrderState.CANCELLED);
  }, 45_000);
});
