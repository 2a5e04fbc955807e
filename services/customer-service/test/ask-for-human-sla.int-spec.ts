import { randomUUID } from 'node:crypto';
import { CaseType, Events } from '@askfirst/contracts';
import { testTokens, waitFor } from '@askfirst/testing';
import { anOrder, noticeFailed } from './support/order-event.builders';
import { CustomerServiceHarness } from './support/customer-service.harness';

describe('a shopper asks for a human; an unclaimed case breaches its SLA, escalates and is counted', () => {
  let h: CustomerServiceHarness;
  let agent: string;
  let supervisor: string;

  beforeAll(async () => {
    // A tiny SLA for shopper asks; shortages keep the default five minutes.
    h = await CustomerServiceHarness.start('cs-ask', { SLA_SHOPPER_ASKED_FOR_HUMAN_SECONDS: '1', SLA_POLL_MS: '100' });
    agent = await testTokens.agent('agent-1');
    supervisor = await testTokens.supervisor('sup-1');
  });
  afterAll(() => h?.close());

  async function placed(shopperId: string) {
    const order = anOrder(shopperId);
    await h.produce(Events.orderPlaced, order.placed);
    return order;
  }

  it('answers in one call with the promised first-contact time and queue position; asking again returns the same case', async () => {
    const shopperA = await testTokens.shopper('shopper-a');
    const order = await placed('shopper-a');
    const first = await h.askForHuman(order.orderId, shopperA, 'Where is my cake?');
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ type: CaseType.SHOPPER_ASKED_FOR_HUMAN, status: 'OPEN', created: true, subject: 'Where is my cake?', queuePosition: expect.any(Number) });
    expect(first.body.queuePosition).toBeGreaterThanOrEqual(1);
    expect(Date.parse(first.body.promisedFirstContactBy) - Date.parse(first.body.openedAt)).toBe(1000);

    const again = await h.api('POST', '/cases', shopperA, { orderId: order.orderId });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ id: first.body.id, created: false });

    // Breach: the event, a raised priority, the supervisor queue.
    const breach = await h.waitForEmitted(Events.slaBreached.type, order.orderId);
    expect(breach.data).toMatchObject({ caseId: first.body.id, caseType: 'SHOPPER_ASKED_FOR_HUMAN', escalatedTo: 'SUPERVISOR', dueAt: first.body.slaDueAt });
    const view = (await h.api('GET', `/cases/${first.body.id}`, agent)).body;
    expect(view.case).toMatchObject({ breached: true, queue: 'SUPERVISOR', priority: first.body.priority + 3 });
    const supervisorQueue = (await h.api<any[]>('GET', '/queue?scope=supervisor', supervisor)).body;
    expect(supervisorQueue.map((c) => c.id)).toContain(first.body.id);
    expect((await h.api<any[]>('GET', '/queue', agent)).body.map((c) => c.id)).not.toContain(first.body.id);
    expect(h.emitted(Events.slaBreached.type, order.orderId)).toHaveLength(1);

    // The shopper sees the breach too, without staff-only fields.
    const own = (await h.api('GET', `/cases/${first.body.id}`, shopperA)).body;
    expect(own.case).toMatchObject({ id: first.body.id, breached: true });
    expect(own.case).not.toHaveProperty('shopperId');
    expect(own.timeline.map((e: any) => e.type)).toContain(Events.slaBreached.type);
  });

  it('counts breaches and time to human in /reports/sla and /metrics', async () => {
    // An unreachable shopper's case (5 min SLA) still running: no breach ratio for its type yet.
    const unreachable = anOrder('shopper-unreachable');
    await h.produce(Events.notificationDeliveryFailed, noticeFailed(unreachable.orderId, unreachable.shopperId, randomUUID(), 'order.line-refund-approved.v1'));
    await waitFor(async () => (await h.api<any[]>('GET', '/queue', agent)).body.some((c) => c.orderId === unreachable.orderId), { what: 'unreachable case' });
    // A shortage case (5 min SLA) contacted at once: one contacted, against the breached ask(s).
    const order = await placed('shopper-c');
    await h.produce(Events.orderAwaitingShopperDecision, order.cakeShort);
    const item = await waitFor(async () => (await h.api<any[]>('GET', '/queue', agent)).body.find((c) => c.orderId === order.orderId), { what: 'shortage case' });
    expect((await h.api('POST', `/cases/${item.id}/claim`, agent)).status).toBe(200);
    expect((await h.api('POST', `/cases/${item.id}/contact-attempts`, agent, { outcome: 'NO_ANSWER' })).status).toBe(201);

    const report = (await h.api('GET', '/reports/sla?windowHours=1', supervisor)).body;
    const asked = report.byType.find((f: any) => f.caseType === 'SHOPPER_ASKED_FOR_HUMAN');
    const shortage = report.byType.find((f: any) => f.caseType === 'SHORTAGE_CONTACT');
    expect(asked).toMatchObject({ breached: asked.opened, breachRatio: 1 });
    // Nobody contacted the breached asks: they still count, as at least their 1 s deadline, and are waiting.
    expect(asked).toMatchObject({ contacted: 0, waitingPastDeadline: asked.breached });
    expect(asked.timeToHumanP50Seconds).toBeGreaterThanOrEqual(1);
    expect(shortage).toMatchObject({ opened: 1, contacted: 1, breached: 0, breachRatio: 0, waitingPastDeadline: 0 });
    expect(report.byType.find((f: any) => f.caseType === 'UNREACHABLE_SHOPPER')).toMatchObject({ opened: 1, running: 1, breachRatio: null, timeToHumanP50Seconds: null });
    expect(report.total.waitingPastDeadline).toBe(asked.breached);
    expect(shortage.timeToHumanP50Seconds).toBeGreaterThan(0);
    expect(report.total.breachRatio).toBeCloseTo(asked.breached / (asked.breached + 1));
    expect(report.total.timeToHumanP95Seconds).toBeGreaterThanOrEqual(report.total.timeToHumanP50Seconds);

    const metrics = await (await fetch(`${h.url}/metrics`)).text();
    expect(metrics).toMatch(/askfirst_sla_breaches_total\{[^}]*case_type="SHOPPER_ASKED_FOR_HUMAN"[^}]*\} [1-9]/);
    expect(metrics).toMatch(/customer_service_sla_breach_ratio\{[^}]*case_type="SHORTAGE_CONTACT"[^}]*\} 0/);
    expect(metrics).toMatch(/customer_service_sla_breach_ratio\{[^}]*case_type="all"[^}]*\} 0\.\d+/);
    expect(metrics).toMatch(/customer_service_time_to_human_quantile_seconds\{[^}]*case_type="SHOPPER_ASKED_FOR_HUMAN"[^}]*quantile="0.95"[^}]*\} \d/);
    expect(metrics).toMatch(/customer_service_waiting_past_deadline\{[^}]*case_type="SHOPPER_ASKED_FOR_HUMAN"[^}]*\} [1-9]/);
    // No data, no sample (the report says null): not a 0 that reads as a perfect record.
    expect(metrics).not.toMatch(/customer_service_sla_breach_ratio\{[^}]*case_type="UNREACHABLE_SHOPPER"/);
    expect(metrics).toMatch(/askfirst_time_to_human_seconds_count\{[^}]*case_type="SHORTAGE_CONTACT"[^}]*\} 1/);
    expect((await h.api('GET', '/reports/sla', await testTokens.shopper('shopper-c'))).status).toBe(403);
  });

  it("shopper B can neither see shopper A's case nor ask about A's order", async () => {
    const order = await placed('shopper-owner');
    const owner = await testTokens.shopper('shopper-owner');
    const other = await testTokens.shopper('shopper-other');
    const mine = (await h.askForHuman(order.orderId, owner)).body;

    const peek = await h.api('GET', `/cases/${mine.id}`, other);
    expect(peek.status).toBe(403);
    expect(peek.headers.get('content-type')).toContain('application/problem+json');
    expect(JSON.stringify(peek.body)).not.toContain(order.orderId);
    expect((await h.api('POST', '/cases', other, { orderId: order.orderId })).status).toBe(403);
    expect((await h.api('GET', `/cases/${randomUUID()}`, other)).status).toBe(404);
  });

  it('keeps internal notes from the shopper', async () => {
    const order = await placed('shopper-notes');
    const shopper = await testTokens.shopper('shopper-notes');
    const c = (await h.askForHuman(order.orderId, shopper)).body;
    await h.waitForEmitted(Events.slaBreached.type, order.orderId); // now in the supervisor queue
    expect((await h.api('POST', `/cases/${c.id}/claim`, supervisor)).status).toBe(200);
    const attempt = await h.api('POST', `/cases/${c.id}/contact-attempts`, supervisor, { outcome: 'REACHED', note: 'SECRET: shopper was rude' });
    expect(attempt.status).toBe(201);

    const staff = (await h.api('GET', `/cases/${c.id}`, agent)).body;
    expect(JSON.stringify(staff)).toContain('SECRET: shopper was rude');
    const own = await h.api('GET', `/cases/${c.id}`, shopper);
    expect(own.status).toBe(200);
    expect(JSON.stringify(own.body)).not.toContain('SECRET');
    expect(own.body).not.toHaveProperty('contactAttempts');
    expect(own.body.timeline.some((e: any) => 'detail' in e || 'internalNote' in e)).toBe(false);
  });

  it('rate-limits asks per shopper and answers every bad request with problem+json, never a 500', async () => {
    const spammer = await testTokens.shopper('shopper-spam');
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await h.api('POST', '/cases', spammer, { orderId: randomUUID() })).status);
    expect(statuses).toEqual([404, 404, 404, 404, 404, 429]);
    expect((await h.api('POST', '/cases', await testTokens.shopper('shopper-calm'), { orderId: randomUUID() })).status).toBe(404);

    const shopper = await testTokens.shopper('shopper-bad-input');
    const bad: [string, string, string | undefined, unknown, number][] = [
      ['POST', '/cases', shopper, { orderId: randomUUID(), menu: 'option 3' }, 400],
      ['POST', '/cases', shopper, { orderId: 'not-a-uuid' }, 400],
      ['POST', '/cases', shopper, { orderId: randomUUID(), message: 'x'.repeat(1001) }, 400],
      ['POST', '/cases', shopper, [1, 2], 400],
      ['POST', '/cases', shopper, 'null', 400],
      ['POST', '/cases', undefined, { orderId: randomUUID() }, 401],
      ['POST', '/cases', agent, { orderId: randomUUID() }, 403],
      ['GET', '/cases/not-a-uuid', agent, undefined, 400],
      ['GET', '/queue?scope=everyone', agent, undefined, 400],
      ['GET', '/reports/sla?windowHours=99999', agent, undefined, 400],
      ['GET', '/reports/sla?windowHours=abc', agent, undefined, 400],
      ['POST', `/cases/${randomUUID()}/claim`, agent, undefined, 404],
      ['POST', `/cases/${randomUUID()}/contact-attempts`, agent, { outcome: 'SHOUTED' }, 400],
      ['POST', `/cases/${randomUUID()}/decision`, agent, { resolution: 'REFUND_ITEM_SHIP_REST', lineIds: ['x'] }, 400],
      ['POST', `/cases/${randomUUID()}/resolve`, agent, { summary: 42 }, 400],
      ['POST', `/cases/${randomUUID()}/resolve`, shopper, {}, 403],
    ];
    for (const [method, path, token, body, status] of bad) {
      const res = body === 'null'
        ? await fetch(`${h.url}${path}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: 'null' })
        : await h.api(method, path, token, body);
      expect({ method, path, status: res.status }).toEqual({ method, path, status });
      expect(res.headers.get('content-type')).toContain('application/problem+json');
    }
  });
});
