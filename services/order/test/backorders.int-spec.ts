import { CaseDecisionRecordedV1, CaseType, deadLetterTopicOf, DecisionSource, Events, LineState, OrderState, physicalTopic, ShortageResolution, Topics } from '@askfirst/contracts';
import { testTokens, TopicRecorder } from '@askfirst/testing';
import { cakeAndSnacks, reservedAll, shortageOf, shopperNotified } from './support/order-builders';
import { newId, OrderServiceHarness } from './support/order-service.harness';

const CONTACT_ME = { choice: 'CONTACT_ME', ifNoAnswerWithin: 1440, thenFallback: 'CANCEL_ORDER' };

/**
 * A shopper who chose to wait for a restock is never dispatched without the line (no silent outcome),
 * and can change their mind — or an agent for them — until the order leaves (ADR 0014).
 */
describe('back-orders: dispatch waits for them, and the shopper may change their mind (real Kafka and PostgreSQL)', () => {
  const h = new OrderServiceHarness('order-backorders');
  let staff: string;
  let deadLetters: TopicRecorder;

  beforeAll(async () => {
    await h.start();
    staff = await testTokens.service('picker-app');
    deadLetters = await new TopicRecorder(h.kafka, [physicalTopic(deadLetterTopicOf(Topics.inventory), h.env.topicPrefix)]).start();
  });
  afterAll(async () => {
    await deadLetters?.stop();
    await h.stop();
  });

  /** The cake goes missing at picking, the shopper chooses to wait for it, and the rest is packed (READY). */
  async function packedWaitingForCake(shopperId: string): Promise<{ order: any; token: string; cake: string; backordered: any }> {
    const token = await testTokens.shopper(shopperId);
    const order = (await h.request('POST', '/orders', token, cakeAndSnacks(CONTACT_ME))).body;
    const cake = order.lines[0].id;
    await h.produce(...reservedAll(order));
    await h.waitForOrder(order.id, (o) => o.state === OrderState.CONFIRMED, 'confirmed');
    expect((await h.request('POST', `/orders/${order.id}/picking-started`, staff)).status).toBe(200);
    await h.produce(...shortageOf(order, { 'CAKE-CREAM': 1 }));
    await h.waitForOrder(order.id, (o) => o.state === OrderState.AWAITING_SHOPPER_DECISION, 'awaiting a decision');
    const wait = await h.request('POST', `/orders/${order.id}/decision`, token, { resolution: 'WAIT_FOR_RESTOCK' });
    expect(wait.body).toMatchObject({ state: 'PICKING', lines: [{ id: cake, state: LineState.BACKORDERED }, { state: LineState.RESERVED }] });
    const [backordered] = await h.waitForPublished(order.id, Events.orderLineBackordered.type);
    expect((await h.request('POST', `/orders/${order.id}/ready`, staff)).body).toMatchObject({ state: 'READY' });
    return { order, token, cake, backordered };
  }

  it('dispatch is refused while the cake is back-ordered; the shopper takes a refund instead, told before money moves; then the rest ships', async () => {
    const { order, token, cake, backordered } = await packedWaitingForCake('changes-mind');

    const refused = await h.request('POST', `/orders/${order.id}/dispatched`, staff);
    expect(refused.status).toBe(409);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(refused.body).toMatchObject({
      code: 'DECISION_CONFLICT', detail: expect.stringContaining(`CAKE-CREAM (line ${cake})`),
      current: { state: 'READY', waitingLineIds: [], backorderedLineIds: [cake] },
    });
    expect(h.published(order.id, Events.orderDispatched.type)).toHaveLength(0);

    // An answer that names no line answers a shortage question, and none is open.
    const unnamed = await h.request('POST', `/orders/${order.id}/decision`, token, { resolution: 'REFUND_ITEM_SHIP_REST' });
    expect(unnamed).toMatchObject({ status: 409, body: { code: 'TRANSITION_NOT_ALLOWED', detail: expect.stringContaining('name it in lineIds'), current: { backorderedLineIds: [cake] } } });
    const again = await h.request('POST', `/orders/${order.id}/decision`, token, { resolution: 'WAIT_FOR_RESTOCK', lineIds: [cake] });
    expect(again).toMatchObject({ status: 409, body: { code: 'DECISION_CONFLICT' } });

    const changed = await h.request('POST', `/orders/${order.id}/decision`, token, { resolution: 'REFUND_ITEM_SHIP_REST', lineIds: [cake] });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ state: 'READY', lines: [{ id: cake, state: LineState.REFUND_PENDING_NOTICE, refundedQuantity: 1, shortQuantity: 0 }, { state: LineState.RESERVED }] });
    expect(changed.body.refunds).toEqual([expect.objectContaining({ status: 'PENDING_NOTICE', amountCents: 1500, lines: [expect.objectContaining({ lineId: cake, quantity: 1 })] })]);
    expect(changed.body.decisions.map((d: any) => [d.source, d.resolution])).toEqual([['SHOPPER', 'WAIT_FOR_RESTOCK'], ['SHOPPER', 'REFUND_ITEM_SHIP_REST']]);

    // The existing facts carry it: inventory drops the back-order on order.line-refund-approved, the notice names the refund.
    const [approved] = await h.waitForPublished(order.id, Events.orderLineRefundApproved.type);
    expect(approved.data).toMatchObject({ lineId: cake, sku: 'CAKE-CREAM', quantity: 1, decision: { source: 'SHOPPER', resolution: 'REFUND_ITEM_SHIP_REST', lineIds: [cake] } });
    expect(new Date(approved.time).getTime()).toBeGreaterThan(new Date(backordered.time).getTime());
    expect(h.published(order.id, Events.orderRefundRequested.type)).toHaveLength(0);

    await h.produce(...shopperNotified(order, approved, [approved.data.refundId]));
    const [requested] = await h.waitForPublished(order.id, Events.orderRefundRequested.type);
    expect(requested.data).toMatchObject({ refundId: approved.data.refundId, amountCents: 1500 });
    expect((await h.getOrder(order.id)).lines[0].state).toBe(LineState.REFUNDED);

    const dispatched = await h.request('POST', `/orders/${order.id}/dispatched`, staff);
    expect(dispatched).toMatchObject({ status: 200, body: { state: 'DISPATCHED' } });
  });

  it('a restock that crosses the change of mind is kept in the timeline and changes nothing (no dead letter, no "filled" notice)', async () => {
    const { order, token, cake } = await packedWaitingForCake('crossed-restock');
    expect((await h.request('POST', `/orders/${order.id}/decision`, token, { resolution: 'REFUND_ITEM_SHIP_REST', lineIds: [cake] })).status).toBe(200);
    const filled = await h.produce(Events.inventoryBackorderFilled, { orderId: order.id, storeId: order.storeId, lineId: cake, sku: 'CAKE-CREAM', quantity: 1 }, order.id);
    const after = await h.waitForOrder(order.id, (o) => o.timeline.some((t: any) => t.eventId === filled.id), 'the fill recorded');
    expect(after.timeline.find((t: any) => t.eventId === filled.id)).toMatchObject({ kind: 'IGNORED', summary: expect.stringContaining('refund for this line instead of waiting') });
    expect(after.lines[0]).toMatchObject({ state: LineState.REFUND_PENDING_NOTICE, refundedQuantity: 1 });
    expect(h.published(order.id, Events.orderBackorderFilled.type)).toHaveLength(0);
    expect(deadLetters.messages).toHaveLength(0);
  });

  describe('an agent for the shopper (customer-service.decision-recorded)', () => {
    const agentDecision = (order: any, resolution: ShortageResolution, lineIds: string[]): [typeof Events.caseDecisionRecorded, CaseDecisionRecordedV1, string] => [
      Events.caseDecisionRecorded, {
        caseId: newId(), orderId: order.id, shopperId: order.shopperId, caseType: CaseType.SHOPPER_ASKED_FOR_HUMAN, agentId: 'agent-9',
        decision: { decisionId: newId(), source: DecisionSource.AGENT_FOR_SHOPPER, resolution, lineIds },
      }, order.id];

    it('records the shopper changing their mind to cancel: the order is cancelled and refunded after notice (AGENT_FOR_SHOPPER)', async () => {
      const { order, cake } = await packedWaitingForCake('agent-cancels');
      await h.produce(...agentDecision(order, ShortageResolution.CANCEL_ORDER, [cake]));
      const [cancelled] = await h.waitForPublished(order.id, Events.orderCancelled.type);
      expect(cancelled.data).toMatchObject({ refundAmountCents: 2100, decision: { source: 'AGENT_FOR_SHOPPER', resolution: 'CANCEL_ORDER', lineIds: [cake] } });
      expect((await h.getOrder(order.id)).state).toBe(OrderState.CANCELLED);
    });

    it('an agent\'s answer recorded before the back-order was decided (a race with the shopper\'s) is rejected visibly, not applied', async () => {
      const { order, cake, backordered } = await packedWaitingForCake('agent-too-early');
      const stale = await h.produce(...agentDecision(order, ShortageResolution.REFUND_ITEM_SHIP_REST, [cake]), { time: new Date(new Date(backordered.time).getTime() - 1_000) });
      const rejected = (o: any) => o.timeline.find((t: any) => t.eventId === stale.id && t.kind === 'DECISION_REJECTED');
      const after = await h.waitForOrder(order.id, (o) => rejected(o) !== undefined, 'the stale answer rejected');
      expect(rejected(after).summary).toContain('after this answer was given');
      expect(after).toMatchObject({ state: 'READY', refunds: [], lines: [{ state: LineState.BACKORDERED }, { state: LineState.RESERVED }] });
      expect(h.published(order.id, Events.orderLineRefundApproved.type)).toHaveLength(0);
    });
  });
});
