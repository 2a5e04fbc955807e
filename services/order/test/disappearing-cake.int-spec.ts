import { Events, OrderState, LineState } from '@askfirst/contracts';
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
});
