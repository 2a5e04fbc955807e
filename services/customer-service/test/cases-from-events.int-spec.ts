import { CaseType, Events } from '@askfirst/contracts';
import { testTokens, waitFor } from '@askfirst/testing';
import { anOrder, held, noticeDelivered, noticeFailed } from './support/order-event.builders';
import { CustomerServiceHarness } from './support/customer-service.harness';

describe('cases open from the events of the order and notification services', () => {
  let h: CustomerServiceHarness;
  let agent: string;
  let supervisor: string;

  beforeAll(async () => {
    h = await CustomerServiceHarness.start('cs-events');
    agent = await testTokens.agent('agent-1');
    supervisor = await testTokens.supervisor('sup-1');
  });
  afterAll(() => h?.close());

  const queued = async (token: string, orderId: string, scope = '') =>
    ((await h.api<any[]>('GET', `/queue${scope}`, token)).body ?? []).find((c) => c.orderId === orderId);

  it('a CONTACT_ME shortage puts a SHORTAGE_CONTACT case in the agent queue within a second', async () => {
    const order = anOrder('shopper-events-1');
    await h.produce(Events.orderPlaced, order.placed);
    await waitFor(async () => (await h.api('POST', '/cases', await testTokens.shopper('nobody'), { orderId: order.orderId })).status === 403, { what: 'order projected' });

    const started = Date.now();
    await h.produce(Events.orderAwaitingShopperDecision, order.cakeShort);
    const item = await waitFor(() => queued(agent, order.orderId), { timeoutMs: 1_000, intervalMs: 25, what: 'case in queue' });
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(item).toMatchObject({ type: CaseType.SHORTAGE_CONTACT, status: 'OPEN', queue: 'AGENT', shopperId: 'shopper-events-1' });
    const dueInSeconds = (Date.parse(item.slaDueAt) - Date.parse(item.openedAt)) / 1000;
    expect(dueInSeconds).toBe(300);

    const opened = await h.waitForEmitted(Events.caseOpened.type, order.orderId);
    expect(opened.data).toMatchObject({ caseId: item.id, caseType: 'SHORTAGE_CONTACT', shopperId: 'shopper-events-1', slaDueAt: item.slaDueAt });
  });

  it('shows the agent the whole story: events, notices with delivery status, the open question', async () => {
    const order = anOrder('shopper-events-2');
    await h.produce(Events.orderPlaced, order.placed);
    const shortage = await h.produce(Events.orderAwaitingShopperDecision, order.cakeShort);
    await h.produce(Events.notificationShopperNotified, noticeDelivered(order.orderId, order.shopperId, shortage.id, shortage.type));
    const item = await waitFor(() => queued(agent, order.orderId), { what: 'case' });

    const view = await waitFor(async () => {
      const v = (await h.api('GET', `/cases/${item.id}`, agent)).body;
      return v.timeline?.length >= 4 && v;
    }, { what: 'timeline of 4 entries' });
    expect(view.timeline.map((e: any) => e.type)).toEqual(
      expect.arrayContaining([Events.orderPlaced.type, Events.orderAwaitingShopperDecision.type, Events.notificationShopperNotified.type, Events.caseOpened.type]),
    );
    const shortageEntry = view.timeline.find((e: any) => e.eventId === shortage.id);
    expect(shortageEntry.summary).toContain('Cream cake 1 of 1 short');
    expect(shortageEntry.notices).toEqual([expect.objectContaining({ status: 'DELIVERED', channels: ['EMAIL', 'SMS'] })]);
    expect(view.order.lines).toHaveLength(3);
    expect(view.order.pendingShortage).toMatchObject({ lines: [{ lineId: order.lines.cake.lineId, name: 'Cream cake' }], fallback: 'KEEP_HOLDING' });
  });

  it('a failed notice opens UNREACHABLE_SHOPPER, even before order.placed arrived; a redelivered event opens nothing twice', async () => {
    const order = anOrder('shopper-events-3');
    const failed = noticeFailed(order.orderId, order.shopperId, '6f1c7c1e-2f4a-4b8e-9a43-0c1d2e3f4a5b', 'order.line-refund-approved.v1');
    const envelope = await h.produce(Events.notificationDeliveryFailed, failed);
    const item = await waitFor(() => queued(agent, order.orderId), { what: 'unreachable case' });
    expect(item).toMatchObject({ type: CaseType.UNREACHABLE_SHOPPER, priority: 6 });

    // The same message again (at-least-once delivery), a second failure report for the order, then a marker behind them on the same key.
    await h.redeliver(Events.notificationDeliveryFailed, envelope);
    await h.produce(Events.notificationDeliveryFailed, failed);
    const marker = await h.produce(Events.notificationShopperNotified, noticeDelivered(order.orderId, order.shopperId, envelope.id, envelope.type));
    await waitFor(async () => (await h.api('GET', `/cases/${item.id}`, agent)).body.timeline.some((e: any) => e.eventId === marker.id), { what: 'marker' });
    const cases = ((await h.api<any[]>('GET', '/queue', agent)).body).filter((c) => c.orderId === order.orderId);
    expect(cases).toHaveLength(1);
    expect(h.emitted(Events.caseOpened.type, order.orderId)).toHaveLength(1);
  });

  it('an UNREACHABLE_SHOPPER case closes itself once every failed notice reached the shopper on a later round', async () => {
    const order = anOrder('shopper-events-5');
    const cause = '1b7a2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
    const first = noticeFailed(order.orderId, order.shopperId, cause, 'order.line-refund-approved.v1');
    const second = noticeFailed(order.orderId, order.shopperId, cause, 'order.dispatched.v1');
    await h.produce(Events.notificationDeliveryFailed, first);
    await h.produce(Events.notificationDeliveryFailed, second);
    const item = await waitFor(() => queued(agent, order.orderId), { what: 'unreachable case' });

    // One of the two got through: the shopper still has not heard the other, so the case stays.
    const one = await h.produce(Events.notificationShopperNotified, { ...noticeDelivered(order.orderId, order.shopperId, cause, first.causeType), noticeId: first.noticeId });
    await waitFor(async () => (await h.api('GET', `/cases/${item.id}`, agent)).body.timeline.some((e: any) => e.eventId === one.id), { what: 'first delivery' });
    await new Promise((r) => setTimeout(r, 1_200)); // more than two SLA sweeps
    expect((await h.api('GET', `/cases/${item.id}`, agent)).body.case.status).toBe('OPEN');

    await h.produce(Events.notificationShopperNotified, { ...noticeDelivered(order.orderId, order.shopperId, cause, second.causeType), noticeId: second.noticeId });
    const resolved = await h.waitForEmitted(Events.caseResolved.type, order.orderId);
    expect(resolved.data).toMatchObject({ caseId: item.id, summary: expect.stringContaining('reached the shopper on a later attempt') });
    expect((await h.api('GET', `/cases/${item.id}`, agent)).body.case).toMatchObject({ status: 'RESOLVED', breachedAt: null });
    expect(await queued(agent, order.orderId)).toBeUndefined();
  });

  it('a taken UNREACHABLE_SHOPPER case stays with its agent when the notice gets through', async () => {
    const order = anOrder('shopper-events-6');
    const failed = noticeFailed(order.orderId, order.shopperId, '2c8b3d4e-5f6a-4b7c-9d8e-0f1a2b3c4d5e', 'order.dispatched.v1');
    await h.produce(Events.notificationDeliveryFailed, failed);
    const item = await waitFor(() => queued(agent, order.orderId), { what: 'unreachable case' });
    expect((await h.api('POST', `/cases/${item.id}/claim`, agent)).status).toBe(200);

    const delivered = await h.produce(Events.notificationShopperNotified, { ...noticeDelivered(order.orderId, order.shopperId, failed.causeEventId, failed.causeType), noticeId: failed.noticeId });
    await waitFor(async () => (await h.api('GET', `/cases/${item.id}`, agent)).body.timeline.some((e: any) => e.eventId === delivered.id), { what: 'delivery in the timeline' });
    await new Promise((r) => setTimeout(r, 1_200));
    expect((await h.api('GET', `/cases/${item.id}`, agent)).body.case).toMatchObject({ status: 'CLAIMED', agentId: 'agent-1' });
    expect(h.emitted(Events.caseResolved.type, order.orderId)).toHaveLength(0);
  });

  it('KEEP_HOLDING (order.held) opens an ESCALATION case in the supervisor queue only', async () => {
    const order = anOrder('shopper-events-4');
    await h.produce(Events.orderHeld, held(order.orderId, order.shopperId, [order.lines.cake.lineId]));
    const item = await waitFor(() => queued(supervisor, order.orderId, '?scope=supervisor'), { what: 'escalation' });
    expect(item).toMatchObject({ type: CaseType.ESCALATION, queue: 'SUPERVISOR', status: 'OPEN' });
    expect(await queued(agent, order.orderId)).toBeUndefined();
    expect((await h.api('GET', '/queue?scope=supervisor', agent)).status).toBe(403);
    expect((await h.api('POST', `/cases/${item.id}/claim`, agent)).status).toBe(403);
    expect((await h.api('POST', `/cases/${item.id}/claim`, supervisor)).status).toBe(200);
  });
});
