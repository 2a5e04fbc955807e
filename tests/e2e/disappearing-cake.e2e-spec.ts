import { join } from 'node:path';
import { freePort, launchChromium, REPO_ROOT, SmtpSink, testTokens, waitFor } from '@askfirst/testing';
import { CakeStory, CAKE, SNACKS, SUBSTITUTE_CAKE, timelineEntry } from './support/cake-story';
import { ApiClient } from './support/http-client';
import { SystemUnderTest } from './support/system-under-test';


// Four real services on a shared two-core machine: flows take seconds, not milliseconds.
jest.setTimeout(180_000);

// CONTACT_ME windows run at 1/100 (ORDER_DECISION_WINDOW_SCALE): "1 minute, no answer" closes after
// 0.6 s, while the longest window the API accepts (24 h) stays open 14.4 min, past any test here.
const NO_ANSWER_MINUTES = 1;
const OPEN_WINDOW_MINUTES = 24 * 60;
// Email down: three delivery rounds, then FAILED; FAILED notices are re-delivered every 1.5 s.
const NOTIFY_MAX_ATTEMPTS = 3;

const lineOf = (order: any, lineId: string) => order.lines.find((l: any) => l.id === lineId);

/**
 * The founding story through the four real services, Kafka and PostgreSQL: a cream cake and chips
 * are confirmed, then the picker finds no cake. Each shopper's own choice decides what happens,
 * the decision's source is recorded, and money moves only after the shopper was told (I1, I2).
 */
describe('the disappearing cake, across all four services', () => {
  const smtp = new SmtpSink();
  let smtpPort: number;
  let system: SystemUnderTest;
  let story: CakeStory;

  beforeAll(async () => {
    // A port outside the ephemeral range, so the SMTP server can go down and come back on it.
    smtpPort = await freePort();
    await smtp.start(smtpPort);
    system = await new SystemUnderTest({
      label: 'cake',
      env: {
        SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtpPort), NOTIFY_BACKOFF_MS: '100', NOTIFY_MAX_ATTEMPTS: String(NOTIFY_MAX_ATTEMPTS), NOTIFY_REDELIVERY_MS: '1500',
        ORDER_DECISION_WINDOW_SCALE: '0.01', ORDER_DEADLINE_POLL_MS: '100',
      },
    }).start();
    story = new CakeStory({ order: system.url('order'), inventory: system.url('inventory'), notification: system.url('notification'), customerService: system.url('customer-service') });
    await story.stockTheStore();
  }, 300_000);

  afterAll(async () => {
    await system?.stop();
    await smtp.stop();
  });

  /** I2, from the records of two services: the refund was requested after the notice that announced it reached the shopper. */
  async function expectToldBeforeMoneyMoved(shopperId: string, order: any) {
    const { notices } = await story.shopper(shopperId);
    for (const refund of order.refunds) {
      expect(refund.status).toBe('REQUESTED');
      expect(refund.noticeId).toBeDefined();
      const notice = await notices.get(`/notices/${refund.noticeId}`);
      expect(notice.status).toBe(200);
      expect(notice.body.status).toBe('DELIVERED');
      const notifiedEntry = order.timeline.find((t: any) => t.eventType === 'notification.shopper-notified.v1' && JSON.stringify(t.data ?? {}).includes(refund.id));
      const requestedEntry = order.timeline.find((t: any) => t.eventType === 'order.refund-requested.v1' && JSON.stringify(t.data ?? {}).includes(refund.id));
      expect(notifiedEntry).toBeDefined();
      expect(requestedEntry).toBeDefined();
      expect(Date.parse(requestedEntry.at)).toBeGreaterThanOrEqual(Date.parse(notifiedEntry.at));
      expect(Date.parse(refund.requestedAt)).toBeGreaterThanOrEqual(Date.parse(notice.body.createdAt));
    }
  }

  it('REFUND_ITEM_SHIP_REST: the cake is refunded after the notice, the chips ship', async () => {
    const shopperId = story.newShopperId('refund');
    const { orderId, cakeLineId, snackLineId } = await story.cakeGoesMissingAtPicking(shopperId, { choice: 'REFUND_ITEM_SHIP_REST' });
    const { orders, email } = await story.shopper(shopperId);
    const order = await story.waitForOrder(orders, orderId, (o) => o.refunds.length === 1 && o.refunds[0].status === 'REQUESTED', 'cake refunded');

    expect(order.state).toBe('PICKING');
    expect(order.lines.find((l: any) => l.id === cakeLineId).state).toBe('REFUNDED');
    expect(order.lines.find((l: any) => l.id === snackLineId).state).toBe('RESERVED');
    expect(order.decisions).toEqual([expect.objectContaining({ source: 'SHOPPER_PRESET', resolution: 'REFUND_ITEM_SHIP_REST', lineIds: [cakeLineId] })]);
    expect(order.refunds[0].amountCents).toBe(CAKE.unitPriceCents);
    await expectToldBeforeMoneyMoved(shopperId, order);
    const [mail] = await waitFor(() => smtp.to(email).filter((m) => /refund/i.test(m.mail.subject ?? '')).length > 0 && smtp.to(email).filter((m) => /refund/i.test(m.mail.subject ?? '')), { what: 'the refund email' });
    expect(mail.mail.text).toContain(CAKE.name);
    expect(mail.mail.text).toMatch(/you chose/i);
  });

  it('CANCEL_ORDER: the whole order is cancelled, everything released and refunded after the notice', async () => {
    const shopperId = story.newShopperId('cancel');
    const { orderId } = await story.cakeGoesMissingAtPicking(shopperId, { choice: 'CANCEL_ORDER' });
    const { orders } = await story.shopper(shopperId);
    const order = await story.waitForOrder(orders, orderId, (o) => o.state === 'CANCELLED' && o.refunds.every((r: any) => r.status === 'REQUESTED') && o.refunds.length > 0, 'order cancelled and refunded');

    expect(order.decisions).toEqual([expect.objectContaining({ source: 'SHOPPER_PRESET', resolution: 'CANCEL_ORDER' })]);
    expect(order.refunds.reduce((sum: number, r: any) => sum + r.amountCents, 0)).toBe(order.totalCents);
    await expectToldBeforeMoneyMoved(shopperId, order);
    const staff = await story.staff();
    await waitFor(async () => {
      const res = await staff.get(`/orders/${orderId}/reservations`);
      return res.status === 200 && res.body.lines.length > 0 && res.body.lines.every((l: { quantityHeld: number }) => l.quantityHeld === 0);
    }, { what: 'reservations released' });
  });

  it('SUBSTITUTE: the best match in the same category is held and nothing is refunded', async () => {
    const shopperId = story.newShopperId('substitute');
    const { orderId, cakeLineId } = await story.cakeGoesMissingAtPicking(shopperId, { choice: 'SUBSTITUTE' });
    const { orders } = await story.shopper(shopperId);
    const order = await story.waitForOrder(orders, orderId, (o) => o.lines.some((l: any) => l.id === cakeLineId && l.state === 'SUBSTITUTED'), 'cake substituted');

    expect(JSON.stringify(order.lines.find((l: any) => l.id === cakeLineId))).toContain(SUBSTITUTE_CAKE.sku);
    expect(order.refunds).toEqual([]);
    expect(order.decisions[0]).toEqual(expect.objectContaining({ source: 'SHOPPER_PRESET', resolution: 'SUBSTITUTE' }));
    expect(order.state).toBe('PICKING');
  });

  it('CONTACT_ME: a case opens for a human, the agent records "refund the cake, ship the rest" in the console, the order applies it after the notice', async () => {
    const shopperId = story.newShopperId('contact');
    const { orderId, cakeLineId } = await story.cakeGoesMissingAtPicking(shopperId, { choice: 'CONTACT_ME', ifNoAnswerWithin: OPEN_WINDOW_MINUTES, thenFallback: 'REFUND_ITEM_SHIP_REST' });
    const { orders, email } = await story.shopper(shopperId);
    const waiting = await story.waitForOrder(orders, orderId, (o) => o.state === 'AWAITING_SHOPPER_DECISION', 'awaiting the shopper');
    expect(waiting.currentOwner).toBe('SHOPPER');
    expect(Date.parse(waiting.decisionDeadline)).toBeGreaterThan(Date.now());

    const agent = new ApiClient(system.url('customer-service'), await testTokens.agent('agent-ana'));
    const queued = await waitFor(async () => {
      const res = await agent.get('/queue');
      return (res.body as any[]).find((c) => c.orderId === orderId);
    }, { what: 'the case in the agent queue', timeoutMs: 15_000 });
    expect(queued.type).toBe('SHORTAGE_CONTACT');
    expect(queued.slaDueAt).toBeDefined();
    const emailed = await waitFor(() => smtp.to(email).find((m) => /\/d\//.test(m.mail.text ?? '')), { what: 'the decision-link email' });
    expect(emailed.mail.text).toContain(CAKE.name);

    // The agent works the case in the console, in a real browser.
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      await page.goto(`${system.url('customer-service')}/console?token=${encodeURIComponent(await testTokens.agent('agent-ana'))}`);
      const entry = page.locator(`[data-order-id="${orderId}"]`);
      await entry.waitFor({ timeout: 15_000 });
      await entry.click();
      await page.getByRole('button', { name: 'Claim this case' }).click();
      await page.locator('#contact-form').getByLabel('Outcome').selectOption('REACHED');
      await page.getByRole('button', { name: 'Log attempt' }).click();
      await page.locator('#attempts li', { hasText: 'reached' }).waitFor();
      const form = page.locator('#decision-form');
      await form.waitFor({ state: 'visible' });
      await expect(form.getByLabel(new RegExp(CAKE.name)).isChecked()).resolves.toBe(true);
      await form.getByLabel('Resolution').selectOption('REFUND_ITEM_SHIP_REST');
      await form.getByLabel('Internal note').fill('Shopper: refund the cake, ship the rest.');
      await form.getByRole('button', { name: 'Record decision' }).click();
      await page.locator('#decision-recorded').waitFor({ state: 'visible' });
      await page.screenshot({ path: join(REPO_ROOT, 'test-output', 'e2e-agent-console.png'), fullPage: true });
    } finally {
      await browser.close();
    }

    const order = await story.waitForOrder(orders, orderId, (o) => o.refunds.length === 1 && o.refunds[0].status === 'REQUESTED', 'agent decision applied and refunded');
    expect(order.state).toBe('PICKING');
    expect(order.decisions).toEqual([expect.objectContaining({ source: 'AGENT_FOR_SHOPPER', resolution: 'REFUND_ITEM_SHIP_REST', lineIds: [cakeLineId] })]);
    await expectToldBeforeMoneyMoved(shopperId, order);

    const caseView = await agent.get(`/cases/${queued.id}`);
    expect(JSON.stringify(caseView.body)).toContain('order.awaiting-shopper-decision');
  });

  it('a shopper asks for a human about an order in one call and sees the promise and the queue position', async () => {
    const shopperId = story.newShopperId('human');
    const { orderId } = await story.cakeGoesMissingAtPicking(shopperId, { choice: 'SUBSTITUTE' });
    const { cases } = await story.shopper(shopperId);
    const asked = await waitFor(async () => {
      const res = await cases.post('/cases', { orderId, message: 'Where is my cake?' });
      return res.status < 300 && res;
    }, { what: 'the case (the service learns the order from order.placed)', timeoutMs: 15_000 });
    expect(asked.body.caseType ?? asked.body.type).toBe('SHOPPER_ASKED_FOR_HUMAN');
    expect(Date.parse(asked.body.promisedFirstContactBy ?? asked.body.slaDueAt)).toBeGreaterThan(Date.now());
    expect(asked.body.queuePosition).toBeGreaterThanOrEqual(1);
    const other = new ApiClient(system.url('customer-service'), await testTokens.shopper('someone-else'));
    expect([403, 404]).toContain((await other.get(`/cases/${asked.body.id}`)).status);
  });

  it('CONTACT_ME answered by the shopper: the emailed decision link, opened in Chromium, reaches the real order service once', async () => {
    const shopperId = story.newShopperId('link');
    const { orderId, cakeLineId } = await story.cakeGoesMissingAtPicking(shopperId, { choice: 'CONTACT_ME', ifNoAnswerWithin: OPEN_WINDOW_MINUTES, thenFallback: 'CANCEL_ORDER' });
    const { orders, email } = await story.shopper(shopperId);
    const mail = await waitFor(() => smtp.to(email).find((m) => /\/d\/[A-Za-z0-9._-]+/.test(m.mail.text ?? '')), { what: 'the decision-link email' });
    const link = /https?:\/\/[^\s]+\/d\/[A-Za-z0-9._-]+/.exec(mail.mail.text ?? '')![0];

    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 720, height: 900 } });
      expect((await page.goto(link))?.status()).toBe(200);
      await page.screenshot({ path: join(REPO_ROOT, 'test-output', 'e2e-decision-link.png'), fullPage: true });
      await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.getByRole('button', { name: `Refund the ${CAKE.name}, ship the rest` }).click()]);
      await page.waitForLoadState();
      expect(await page.locator('h1').textContent()).toBe('Thanks, we got your choice');

      const order = await story.waitForOrder(orders, orderId, (o) => o.refunds.length === 1 && o.refunds[0].status === 'REQUESTED', 'the shopper\'s own decision applied');
      expect(order.decisions).toEqual([expect.objectContaining({ source: 'SHOPPER', resolution: 'REFUND_ITEM_SHIP_REST', lineIds: [cakeLineId] })]);
      expect(order.state).toBe('PICKING');
      await expectToldBeforeMoneyMoved(shopperId, order);

      await page.goto(link);
      expect(await page.locator('h1').textContent()).toBe('This link was already used');
      expect((await orders.get(`/orders/${orderId}`)).body.decisions).toHaveLength(1);
    } finally {
      await browser.close();
    }
  });

  describe('CONTACT_ME and nobody answers within the window', () => {
    /** The fallback applied when the window the shopper was given had closed. */
    function expectAppliedAfterTheWindow(order: any) {
      const awaiting = timelineEntry(order, 'order.awaiting-shopper-decision.v1');
      expect(awaiting).toBeDefined();
      expect(Date.parse(order.decisions[0].decidedAt)).toBeGreaterThanOrEqual(Date.parse(awaiting.data.decisionDeadline));
    }

    it('the shopper\'s own fallback applies (SHOPPER_PRESET_FALLBACK): the cake is refunded after the notice, the chips ship', async () => {
      const shopperId = story.newShopperId('no-answer');
      const { orderId, cakeLineId, snackLineId } = await story.cakeGoesMissingAtPicking(shopperId, { choice: 'CONTACT_ME', ifNoAnswerWithin: NO_ANSWER_MINUTES, thenFallback: 'REFUND_ITEM_SHIP_REST' });
      const { orders } = await story.shopper(shopperId);
      const order = await story.waitForOrder(orders, orderId, (o) => o.refunds.length === 1 && o.refunds[0].status === 'REQUESTED', 'the fallback refund requested');

      expect(order.decisions).toEqual([expect.objectContaining({ source: 'SHOPPER_PRESET_FALLBACK', resolution: 'REFUND_ITEM_SHIP_REST', lineIds: [cakeLineId] })]);
      expectAppliedAfterTheWindow(order);
      expect(order).toMatchObject({ state: 'PICKING', currentOwner: null });
      expect(lineOf(order, cakeLineId).state).toBe('REFUNDED');
      expect(lineOf(order, snackLineId).state).toBe('RESERVED');
      expect(order.refunds[0].amountCents).toBe(CAKE.unitPriceCents);
      await expectToldBeforeMoneyMoved(shopperId, order);
    });

    it('KEEP_HOLDING: the order stays ON_HOLD for a supervisor, an ESCALATION case is in the supervisor queue, nothing is refunded', async () => {
      const shopperId = story.newShopperId('hold');
      const { orderId, cakeLineId } = await story.cakeGoesMissingAtPicking(shopperId, { choice: 'CONTACT_ME', ifNoAnswerWithin: NO_ANSWER_MINUTES, thenFallback: 'KEEP_HOLDING' });
      const { orders } = await story.shopper(shopperId);
      const held = await story.waitForOrder(orders, orderId, (o) => o.state === 'ON_HOLD', 'the order held');
      expect(held.currentOwner).toBe('SUPERVISOR');
      expect(held.decisions).toEqual([expect.objectContaining({ source: 'SHOPPER_PRESET_FALLBACK', resolution: 'KEEP_HOLDING', lineIds: [cakeLineId] })]);
      expectAppliedAfterTheWindow(held);

      const supervisor = new ApiClient(system.url('customer-service'), await testTokens.supervisor());
      const escalation = await waitFor(async () => ((await supervisor.get('/queue?scope=supervisor')).body as any[]).find((c) => c.orderId === orderId && c.type === 'ESCALATION'),
        { what: 'the ESCALATION case in the supervisor queue', timeoutMs: 15_000 });
      expect(escalation).toMatchObject({ queue: 'SUPERVISOR', status: 'OPEN' });

      // Customer service has acted on order.held; the order still holds the cake's line and no money moved.
      const after = (await orders.get(`/orders/${orderId}`)).body;
      expect(after).toMatchObject({ state: 'ON_HOLD', refunds: [] });
      expect(lineOf(after, cakeLineId).state).toBe('SHORT');
      for (const type of ['order.line-refund-approved.v1', 'order.cancelled.v1', 'order.refund-requested.v1']) expect(timelineEntry(after, type)).toBeUndefined();
    });
  });

  describe('shortages found at reservation, under REFUND_ITEM_SHIP_REST', () => {
    it('3 ordered, 1 left: only the 2 missing are refunded (2 × unit price), after the notice; the one left is held', async () => {
      const cupcakes = await story.newItemOnShelf('Cupcake box', 450, 1);
      const shopperId = story.newShopperId('partial');
      const { orders } = await story.shopper(shopperId);
      const placed = await story.placeOrder(orders, { choice: 'REFUND_ITEM_SHIP_REST' }, [[cupcakes, 3], [SNACKS, 2]]);
      const cupcakeLineId = placed.lines.find((l: any) => l.sku === cupcakes.sku).id;
      const order = await story.waitForOrder(orders, placed.id, (o) => o.refunds.length === 1 && o.refunds[0].status === 'REQUESTED', 'the missing cupcakes refunded');

      expect(order.state).toBe('CONFIRMED');
      expect(order.decisions).toEqual([expect.objectContaining({ source: 'SHOPPER_PRESET', resolution: 'REFUND_ITEM_SHIP_REST', lineIds: [cupcakeLineId] })]);
      expect(lineOf(order, cupcakeLineId)).toMatchObject({ quantity: 3, refundedQuantity: 2, shortQuantity: 0 });
      expect(order.refunds[0]).toMatchObject({ amountCents: 2 * cupcakes.unitPriceCents, lines: [expect.objectContaining({ lineId: cupcakeLineId, quantity: 2, amountCents: 2 * cupcakes.unitPriceCents })] });
      await expectToldBeforeMoneyMoved(shopperId, order);
      const reservation = (await (await story.staff()).get(`/orders/${placed.id}/reservations`)).body;
      expect(reservation.lines.find((l: any) => l.lineId === cupcakeLineId).quantityHeld).toBe(1);
    });

    it('every line short: the order is cancelled and refunded in full, after the notice', async () => {
      const cupcakes = await story.newItemOnShelf('Cupcake box', 450, 0);
      const muffins = await story.newItemOnShelf('Blueberry muffin', 250, 0);
      const shopperId = story.newShopperId('all-short');
      const { orders } = await story.shopper(shopperId);
      const placed = await story.placeOrder(orders, { choice: 'REFUND_ITEM_SHIP_REST' }, [[cupcakes, 2], [muffins, 1]]);
      const order = await story.waitForOrder(orders, placed.id, (o) => o.state === 'CANCELLED' && o.refunds.length > 0 && o.refunds.every((r: any) => r.status === 'REQUESTED'), 'the order cancelled and refunded');

      expect(order.decisions).toEqual([expect.objectContaining({ source: 'SHOPPER_PRESET' })]);
      expect(order.totalCents).toBe(2 * cupcakes.unitPriceCents + muffins.unitPriceCents);
      expect(order.refunds.reduce((sum: number, r: any) => sum + r.amountCents, 0)).toBe(order.totalCents);
      expect(timelineEntry(order, 'order.cancelled.v1')).toBeDefined();
      await expectToldBeforeMoneyMoved(shopperId, order);
    });
  });

  // Last: the SMTP server is down for the whole system while it runs.
  it('email down: retries, the notice FAILED, an UNREACHABLE_SHOPPER case, the refund waits; email back: the notice gets through, then the refund', async () => {
    await smtp.stop();
    let smtpDown = true;
    try {
      const shopperId = story.newShopperId('unreachable');
      const { orderId, cakeLineId } = await story.cakeGoesMissingAtPicking(shopperId, { choice: 'REFUND_ITEM_SHIP_REST' });
      const { orders, notices, email } = await story.shopper(shopperId);
      const failedOrder = await story.waitForOrder(orders, orderId, (o) => o.refunds.length === 1 && !!timelineEntry(o, 'notification.delivery-failed.v1', o.refunds[0].id), 'the refund notice FAILED');
      const refund = failedOrder.refunds[0];
      const failed = timelineEntry(failedOrder, 'notification.delivery-failed.v1', refund.id);
      const noticeId: string = failed.data.noticeId;

      // Retries: one email attempt per round, each refused, then FAILED.
      const notice = (await notices.get(`/notices/${noticeId}`)).body;
      expect(notice).toMatchObject({ status: 'FAILED', refundIds: [refund.id], reachedChannels: [] });
      expect(notice.attempts.slice(0, NOTIFY_MAX_ATTEMPTS).map((a: any) => [a.channel, a.round, a.status])).toEqual(
        Array.from({ length: NOTIFY_MAX_ATTEMPTS }, (_, i) => ['EMAIL', i + 1, 'FAILED']),
      );

      // A human is called in to reach the shopper.
      const agent = new ApiClient(system.url('customer-service'), await testTokens.agent('agent-ana'));
      const unreachable = await waitFor(async () => ((await agent.get('/queue')).body as any[]).find((c) => c.orderId === orderId && c.type === 'UNREACHABLE_SHOPPER'),
        { what: 'the UNREACHABLE_SHOPPER case in the queue', timeoutMs: 15_000 });
      expect(unreachable.status).toBe('OPEN');
      // Earlier notices of this order failed too (one open case per order); the agent sees that the refund's is among them.
      await waitFor(async () => ((await agent.get(`/cases/${unreachable.id}`)).body.timeline as any[]).some((t) =>
        t.type === 'order.line-refund-approved.v1' && t.notices.some((n: any) => n.status === 'FAILED')), { what: 'the refund notice FAILED in the case view' });

      // I2: while nothing gets through, re-delivery included, the refund waits for its notice.
      await waitFor(async () => (await notices.get(`/notices/${noticeId}`)).body.rounds > NOTIFY_MAX_ATTEMPTS, { what: 'a failed re-delivery round' });
      const waiting = (await orders.get(`/orders/${orderId}`)).body;
      expect(waiting.refunds).toEqual([expect.objectContaining({ id: refund.id, status: 'PENDING_NOTICE' })]);
      expect(lineOf(waiting, cakeLineId).state).toBe('REFUND_PENDING_NOTICE');
      expect(timelineEntry(waiting, 'order.refund-requested.v1')).toBeUndefined();

      await smtp.start(smtpPort);
      smtpDown = false;
      const order = await story.waitForOrder(orders, orderId, (o) => o.refunds[0].status === 'REQUESTED', 'the refund requested once the notice got through');
      expect(order.refunds[0].noticeId).toBe(noticeId);
      await expectToldBeforeMoneyMoved(shopperId, order);
      expect(Date.parse(timelineEntry(order, 'notification.shopper-notified.v1', refund.id).at)).toBeGreaterThanOrEqual(Date.parse(failed.at));
      expect(lineOf(order, cakeLineId).state).toBe('REFUNDED');
      expect(smtp.to(email).some((m) => (m.mail.messageId ?? '').includes(noticeId))).toBe(true);
    } finally {
      if (smtpDown) await smtp.start(smtpPort);
    }
  });
});
