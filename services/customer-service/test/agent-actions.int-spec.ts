import { randomUUID } from 'node:crypto';
import { DecisionSource, Events, ShortageResolution } from '@askfirst/contracts';
import { testTokens, waitFor } from '@askfirst/testing';
import { anOrder, decided, noticeFailed } from './support/order-event.builders';
import { CustomerServiceHarness } from './support/customer-service.harness';

describe('agents work a case: claim, contact, decide, resolve', () => {
  let h: CustomerServiceHarness;
  let agent: string;

  beforeAll(async () => {
    h = await CustomerServiceHarness.start('cs-agent', { SLA_SHORTAGE_CONTACT_SECONDS: '3', SLA_POLL_MS: '100' });
    agent = await testTokens.agent('agent-1');
  });
  afterAll(() => h?.close());

  async function shortageCase(shopperId: string) {
    const order = anOrder(shopperId);
    await h.produce(Events.orderPlaced, order.placed);
    await h.produce(Events.orderAwaitingShopperDecision, order.cakeShort);
    const item = await waitFor(async () => (await h.api<any[]>('GET', '/queue', agent)).body.find((c) => c.orderId === order.orderId), { what: 'shortage case' });
    return { order, id: item.id as string };
  }

  // First in the file, so these three are the only cases in the queue.
  it("lists the queue by SLA deadline, not by arrival, with each open case's position", async () => {
    // Opened first but due last: an unreachable shopper (5 min SLA) before two asks (2 min each).
    const unreachable = anOrder('shopper-unreachable');
    await h.produce(Events.notificationDeliveryFailed, noticeFailed(unreachable.orderId, unreachable.shopperId, randomUUID(), 'order.line-refund-approved.v1'));
    const dueLast = await waitFor(async () => (await h.api<any[]>('GET', '/queue', agent)).body.find((c) => c.orderId === unreachable.orderId), { what: 'unreachable case' });
    const asked: string[] = [];
    for (const shopperId of ['shopper-asks-first', 'shopper-asks-second']) {
      const order = anOrder(shopperId);
      await h.produce(Events.orderPlaced, order.placed);
      asked.push((await h.askForHuman(order.orderId, await testTokens.shopper(shopperId))).body.id);
    }
    const expected = [...asked, dueLast.id];

    const queue = (await h.api<any[]>('GET', '/queue', agent)).body;
    const dueTimes = queue.map((c) => Date.parse(c.slaDueAt));
    expect(dueTimes).toEqual([...dueTimes].sort((a, b) => a - b));
    expect(queue.map((c) => [c.id, c.queuePosition])).toEqual(expected.map((id, i) => [id, i + 1]));
    for (const [i, id] of expected.entries()) expect((await h.api('GET', `/cases/${id}`, agent)).body.case.queuePosition).toBe(i + 1);

    // Claiming the head moves the others up; a claimed case has no position.
    expect((await h.api('POST', `/cases/${expected[0]}/claim`, agent)).status).toBe(200);
    const after = (await h.api<any[]>('GET', '/queue', agent)).body;
    expect(after.map((c) => [c.id, c.queuePosition])).toEqual([[expected[0], null], [expected[1], 1], [expected[2], 2]]);
    expect((await h.api('GET', `/cases/${expected[2]}`, agent)).body.case.queuePosition).toBe(2);
  });

  it('of concurrent claims exactly one wins (200); the others get 409', async () => {
    const { order, id } = await shortageCase('shopper-race');
    const tokens = await Promise.all(Array.from({ length: 8 }, (_, i) => testTokens.agent(`agent-race-${i}`)));
    const results = await Promise.all(tokens.map((t) => h.api('POST', `/cases/${id}/claim`, t)));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 409, 409, 409, 409, 409, 409, 409]);
    const loser = results.find((r) => r.status === 409)!;
    expect(loser.headers.get('content-type')).toContain('application/problem+json');
    expect(loser.body.current).toMatchObject({ status: 'CLAIMED' });

    const winner = results.find((r) => r.status === 200)!.body;
    await h.waitForEmitted(Events.agentJoined.type, order.orderId);
    expect(h.emitted(Events.agentJoined.type, order.orderId)).toEqual([expect.objectContaining({ data: expect.objectContaining({ agentId: winner.agentId }) })]);
  });

  it('the first contact attempt stops the SLA clock; a claimed but uncontacted case breaches and stays with its agent', async () => {
    const contacted = await shortageCase('shopper-contacted');
    expect((await h.api('POST', `/cases/${contacted.id}/claim`, agent)).status).toBe(200);
    const attempt = await h.api('POST', `/cases/${contacted.id}/contact-attempts`, agent, { outcome: 'CALLED', note: 'rang twice' });
    expect(attempt.status).toBe(201);
    expect(attempt.body.case.firstContactAt).toBe(attempt.body.attempt.at);
    const event = await h.waitForEmitted(Events.contactAttempted.type, contacted.order.orderId);
    expect(event.data).toMatchObject({ caseId: contacted.id, agentId: 'agent-1', outcome: 'CALLED' });

    // Opened after the contacted one, so its deadline comes later: once it breaches, the first would have too.
    // Claimed but nobody called: the clock still runs.
    const untouched = await shortageCase('shopper-untouched');
    const holder = await testTokens.agent('agent-holder');
    expect((await h.api('POST', `/cases/${untouched.id}/claim`, holder)).status).toBe(200);
    await h.waitForEmitted(Events.slaBreached.type, untouched.order.orderId);
    // Escalated to supervisors, yet still listed for the agent who holds it.
    expect((await h.api<any[]>('GET', '/queue', holder)).body.find((c) => c.id === untouched.id)).toMatchObject({ breached: true, queue: 'SUPERVISOR' });
    expect((await h.api<any[]>('GET', '/queue', agent)).body.map((c) => c.id)).not.toContain(untouched.id);
    const view = (await h.api('GET', `/cases/${contacted.id}`, agent)).body;
    expect(view.case).toMatchObject({ breached: false, queue: 'AGENT' });
    expect(h.emitted(Events.slaBreached.type, contacted.order.orderId)).toHaveLength(0);
  });

  it("records the shopper's decision only as offered, once, by the agent who has the case", async () => {
    const { order, id } = await shortageCase('shopper-decides');
    const other = await testTokens.agent('agent-2');
    const refund = { resolution: ShortageResolution.REFUND_ITEM_SHIP_REST, lineIds: [order.lines.cake.lineId] };

    expect((await h.api('POST', `/cases/${id}/decision`, agent, refund)).status).toBe(409); // not claimed
    expect((await h.api('POST', `/cases/${id}/claim`, agent)).status).toBe(200);
    expect((await h.api('POST', `/cases/${id}/decision`, other, refund)).status).toBe(403);
    const notShort = await h.api('POST', `/cases/${id}/decision`, agent, { ...refund, lineIds: [order.lines.milk.lineId] });
    expect(notShort).toMatchObject({ status: 422, body: { code: 'DECISION_INVALID' } });
    expect((await h.api('POST', `/cases/${id}/decision`, agent, { ...refund, resolution: 'KEEP_HOLDING' })).status).toBe(422);
    expect((await h.api('POST', `/cases/${id}/decision`, agent, { ...refund, substituteSku: 'CAKE-CHOC' })).status).toBe(422);

    const ok = await h.api('POST', `/cases/${id}/decision`, agent, { resolution: ShortageResolution.SUBSTITUTE, substituteSku: 'CAKE-CHOC' });
    expect(ok.status).toBe(201);
    expect(ok.body.decision).toMatchObject({ resolution: 'SUBSTITUTE', lineIds: [order.lines.cake.lineId], substituteSku: 'CAKE-CHOC' });
    expect((await h.api('POST', `/cases/${id}/decision`, agent, refund)).body.code).toBe('DECISION_ALREADY_RECORDED');

    const event = await h.waitForEmitted(Events.caseDecisionRecorded.type, order.orderId);
    expect(event.data.decision).toEqual({
      decisionId: ok.body.decision.decisionId,
      source: DecisionSource.AGENT_FOR_SHOPPER,
      resolution: 'SUBSTITUTE',
      lineIds: [order.lines.cake.lineId],
      substituteSku: 'CAKE-CHOC',
    });
    // The order projection settled the lines at once: no other case can decide them again.
    expect((await h.api('GET', `/cases/${id}`, agent)).body.order.pendingShortage).toBeNull();
  });

  it('refuses a decision the shopper already made through their decision link (projection is up to date)', async () => {
    const { order, id } = await shortageCase('shopper-self-served');
    expect((await h.api('POST', `/cases/${id}/claim`, agent)).status).toBe(200);
    const own = await h.produce(Events.orderDecisionRecorded, decided(order.orderId, order.shopperId, [order.lines.cake.lineId]));
    await waitFor(async () => (await h.api('GET', `/cases/${id}`, agent)).body.timeline.some((e: any) => e.eventId === own.id), { what: 'shopper decision projected' });
    const res = await h.api('POST', `/cases/${id}/decision`, agent, { resolution: ShortageResolution.CANCEL_ORDER });
    expect(res).toMatchObject({ status: 409, body: { code: 'NO_PENDING_SHORTAGE' } });
  });

  it('closes an untaken shortage case once the shopper decided themselves, instead of letting it breach', async () => {
    const { order, id } = await shortageCase('shopper-decided-alone');
    await h.produce(Events.orderDecisionRecorded, decided(order.orderId, order.shopperId, [order.lines.cake.lineId]));
    const resolved = await h.waitForEmitted(Events.caseResolved.type, order.orderId);
    expect(resolved.data).toMatchObject({ caseId: id, summary: 'The shopper decided through their decision link.' });
    const view = (await h.api('GET', `/cases/${id}`, agent)).body;
    expect(view.case).toMatchObject({ status: 'RESOLVED', resolutionSummary: 'The shopper decided through their decision link.' });
  });

  it('resolves a case, which then leaves the queue and refuses further work; a new ask opens a new case', async () => {
    const { order, id } = await shortageCase('shopper-resolved');
    expect((await h.api('POST', `/cases/${id}/resolve`, agent, {})).body.code).toBe('CASE_NOT_CLAIMED');
    expect((await h.api('POST', `/cases/${id}/claim`, agent)).status).toBe(200);
    const resolved = await fetch(`${h.url}/cases/${id}/resolve`, { method: 'POST', headers: { authorization: `Bearer ${agent}` } }); // no body at all
    expect(resolved.status).toBe(200);
    expect(await resolved.json()).toMatchObject({ status: 'RESOLVED', resolvedAt: expect.any(String) });
    await h.waitForEmitted(Events.caseResolved.type, order.orderId);

    expect((await h.api<any[]>('GET', '/queue', agent)).body.map((c) => c.id)).not.toContain(id);
    expect((await h.api('POST', `/cases/${id}/claim`, agent)).body.code).toBe('CASE_RESOLVED');
    expect((await h.api('POST', `/cases/${id}/contact-attempts`, agent, { outcome: 'CALLED' })).status).toBe(409);

    const again = await h.api('POST', '/cases', await testTokens.shopper('shopper-resolved'), { orderId: order.orderId });
    expect(again.status).toBe(201);
    expect(again.body.id).not.toBe(id);
  });
});
