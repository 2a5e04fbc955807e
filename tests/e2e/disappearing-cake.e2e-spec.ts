import { join } from 'node:path';
import { launchChromium, SmtpSink, testTokens, waitFor } from '@askfirst/testing';
import { CakeStory, CAKE, SUBSTITUTE_CAKE } from './support/cake-story';
import { ApiClient } from './support/http-client';
import { REPO_ROOT } from './support/service-process';
import { SystemUnderTest } from './support/system-under-test';


// Four real services on a shared two-core machine: flows take seconds, not milliseconds.
jest.setTimeout(180_000);
/**
 * The founding story through the four real services, Kafka and PostgreSQL: a cream cake and chips
 * are confirmed, then the picker finds no cake. Each shopper's own choice decides what happens,
 * the decision's source is recorded, and money moves only after the shopper was told (I1, I2).
 */
describe('the disappearing cake, across all four services', () => {
  const smtp = new SmtpSink();
  let system: SystemUnderTest;
  let story: CakeStory;

  beforeAll(async () => {
    await smtp.start();
    system = await new SystemUnderTest({ label: 'cake', env: { SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtp.port), NOTIFY_BACKOFF_MS: '100' } }).start();
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
    const { orderId, cakeLineId } = await story.cakeGoesMissingAtPicking(shopperId, { choice: 'CONTACT_ME', ifNoAnswerWithin: 30, thenFallback: 'REFUND_ITEM_SHIP_REST' });
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
    const { orderId, cakeLineId } = await story.cakeGoesMissingAtPicking(shopperId, { choice: 'CONTACT_ME', ifNoAnswerWithin: 30, thenFallback: 'CANCEL_ORDER' });
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
});
