import {
  CaseDecisionRecordedV1, CaseType, deadLetterTopicOf, DecisionSource, Events, OrderState, physicalTopic, ShortageResolution, Topics,
} from '@askfirst/contracts';
import { testTokens, TopicRecorder } from '@askfirst/testing';
import { cakeAndSnacks, reservedAll, shortageOf } from './support/order-builders';
import { newId, OrderServiceHarness } from './support/order-service.harness';

const CONTACT_ME = { choice: 'CONTACT_ME', ifNoAnswerWithin: 1440, thenFallback: 'CANCEL_ORDER' };

describe('shopper and agent decisions: exactly one wins (real Kafka and PostgreSQL)', () => {
  const h = new OrderServiceHarness('order-decisions', { ORDER_DECISION_RATE_LIMIT: '6' });
  let deadLetters: TopicRecorder;

  beforeAll(async () => {
    await h.start();
    deadLetters = await new TopicRecorder(h.kafka, [physicalTopic(deadLetterTopicOf(Topics.customerService), h.env.topicPrefix)]).start();
  });
  afterAll(async () => {
    await deadLetters?.stop();
    await h.stop();
  });

  /** An order of `shopperId` whose listed SKUs went missing at picking, waiting for a decision. */
  async function awaitingDecision(shopperId: string, short: Record<string, number> = { 'CAKE-CREAM': 1 }): Promise<{ order: any; token: string }> {
    const token = await testTokens.shopper(shopperId);
    const order = (await h.request('POST', '/orders', token, cakeAndSnacks(CONTACT_ME))).body;
    await h.produce(...reservedAll(order));
    await h.waitForOrder(order.id, (o) => o.state === OrderState.CONFIRMED, 'confirmed');
    await h.produce(...shortageOf(order, short));
    await h.waitForOrder(order.id, (o) => o.state === OrderState.AWAITING_SHOPPER_DECISION, 'awaiting a decision');
    return { order, token };
  }

  function agentDecision(order: any, resolution: string): [typeof Events.caseDecisionRecorded, CaseDecisionRecordedV1, string] {
    return [Events.caseDecisionRecorded, {
      caseId: newId(), orderId: order.id, shopperId: order.shopperId, caseType: CaseType.SHORTAGE_CONTACT, agentId: 'agent-1',
      decision: { decisionId: newId(), source: DecisionSource.AGENT_FOR_SHOPPER, resolution: resolution as ShortageResolution, lineIds: [] },
    }, order.id];
  }

  it('two concurrent decisions: exactly one 200 and one 409 with the current state', async () => {
    const { order, token } = await awaitingDecision('racer');
    const [a, b] = await Promise.all([
      h.request('POST', `/orders/${order.id}/decision`, token, { resolution: 'REFUND_ITEM_SHIP_REST' }),
      h.request('POST', `/orders/${order.id}/decision`, token, { resolution: 'WAIT_FOR_RESTOCK' }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const loser = a.status === 409 ? a : b;
    expect(loser.body).toMatchObject({ type: 'urn:askfirst:problem:transition-not-allowed', current: { state: 'CONFIRMED', waitingLineIds: [] } });
    const final = await h.getOrder(order.id);
    expect(final.decisions.filter((d: any) => d.source === 'SHOPPER')).toHaveLength(1);
    await h.waitForPublished(order.id, Events.orderDecisionRecorded.type);
    expect(h.published(order.id, Events.orderDecisionRecorded.type)).toHaveLength(1);
  });

  it('an agent\'s decision (AGENT_FOR_SHOPPER) applies like the shopper\'s; a late one is kept as rejected, nothing changes, no dead letter', async () => {
    const { order, token } = await awaitingDecision('agent-helped');
    const first = await h.produce(...agentDecision(order, 'SUBSTITUTE'));
    const [asked] = await h.waitForPublished(order.id, Events.orderSubstitutionRequested.type);
    expect(asked.data.decision).toMatchObject({ source: 'AGENT_FOR_SHOPPER', decisionId: first.data.decision.decisionId });
    const late = await h.produce(...agentDecision(order, 'CANCEL_ORDER'));
    const after = await h.waitForOrder(order.id, (o) => o.timeline.some((t: any) => t.kind === 'DECISION_REJECTED'), 'late decision rejected');
    expect(after.state).toBe(OrderState.CONFIRMED);
    expect(after.timeline.find((t: any) => t.kind === 'DECISION_REJECTED')).toMatchObject({ eventId: late.id, summary: expect.stringContaining('CANCEL_ORDER was not applied') });
    expect(after.decisions.map((d: any) => d.source)).toEqual(['AGENT_FOR_SHOPPER']);
    expect(h.published(order.id, Events.orderCancelled.type)).toHaveLength(0);
    // The shopper's own late answer is a 409 too.
    expect((await h.request('POST', `/orders/${order.id}/decision`, token, { resolution: 'CANCEL_ORDER' })).status).toBe(409);
    expect(deadLetters.messages).toHaveLength(0);
  });

  it('a decision link answer: a service token naming the shopper decides with source SHOPPER', async () => {
    const { order } = await awaitingDecision('link-user');
    const notification = await testTokens.service('notification');
    expect((await h.request('POST', `/orders/${order.id}/decision`, notification, { resolution: 'CANCEL_ORDER' })).body).toMatchObject({ status: 400, code: 'SHOPPER_ID_REQUIRED' });
    expect((await h.request('POST', `/orders/${order.id}/decision`, notification, { resolution: 'CANCEL_ORDER', shopperId: 'someone-else' })).status).toBe(403);
    const res = await h.request('POST', `/orders/${order.id}/decision`, notification, { resolution: 'CANCEL_ORDER', shopperId: 'link-user' });
    expect(res).toMatchObject({ status: 200, body: { state: 'CANCELLED' } });
    expect(res.body.decisions).toEqual([expect.objectContaining({ source: 'SHOPPER', resolution: 'CANCEL_ORDER', decidedBy: 'link-user' })]);
  });

  it('lines are decided one by one; the order resumes when none waits any more', async () => {
    const { order, token } = await awaitingDecision('two-lines', { 'CAKE-CREAM': 1, 'SNACK-MIX': 2 });
    const [cake, snacks] = order.lines.map((l: any) => l.id);
    const one = await h.request('POST', `/orders/${order.id}/decision`, token, { resolution: 'SUBSTITUTE', lineIds: [cake], substituteSku: 'CAKE-CHOC' });
    expect(one.body).toMatchObject({ state: 'AWAITING_SHOPPER_DECISION', waitingLineIds: [snacks] });
    const again = await h.request('POST', `/orders/${order.id}/decision`, token, { resolution: 'WAIT_FOR_RESTOCK', lineIds: [cake] });
    expect(again).toMatchObject({ status: 409, body: { code: 'DECISION_CONFLICT', current: { waitingLineIds: [snacks] } } });
    const two = await h.request('POST', `/orders/${order.id}/decision`, token, { resolution: 'REFUND_ITEM_SHIP_REST' });
    expect(two.body).toMatchObject({ state: 'CONFIRMED', waitingLineIds: [] });
    expect(two.body.refunds).toEqual([expect.objectContaining({ amountCents: 600, status: 'PENDING_NOTICE' })]);
  });

  it('refuses malformed decisions with 400 and limits decisions per shopper (429)', async () => {
    const { order, token } = await awaitingDecision('limited');
    const bad = [
      { resolution: 'KEEP_HOLDING' },
      { resolution: 'REFUND_ITEM_SHIP_REST', substituteSku: 'CAKE-CHOC' },
      { resolution: 'REFUND_ITEM_SHIP_REST', lineIds: ['not-a-uuid'] },
      { resolution: 'REFUND_ITEM_SHIP_REST', lineIds: [newId()] },
      { resolution: 'REFUND_ITEM_SHIP_REST', extra: true },
    ];
    for (const body of bad) expect((await h.request('POST', `/orders/${order.id}/decision`, token, body)).status).toBe(400);
    // Limit 6 a minute (ORDER_DECISION_RATE_LIMIT): bodies refused by validation do not count; the
    // unknown line (400 from the order itself), the decision and the 409s do.
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await h.request('POST', `/orders/${order.id}/decision`, token, { resolution: 'REFUND_ITEM_SHIP_REST' })).status);
    expect(statuses).toEqual([200, 409, 409, 409, 409]);
    const limited = await h.request('POST', `/orders/${order.id}/cancel`, token);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
