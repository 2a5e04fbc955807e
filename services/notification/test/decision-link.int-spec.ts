import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, Page } from 'playwright-core';
import { Events, ShortageResolution } from '@askfirst/contracts';
import { DEV_JWT_SECRET, verifyToken } from '@askfirst/platform';
import { launchChromium, SmtpSink, testTokens, waitFor } from '@askfirst/testing';
import { HttpReceiver } from './support/http-receiver';
import { cakeOrder, cakeShortage } from './support/order-events';
import { api, NotificationHarness, startNotification } from './support/notification-harness';

const PUBLIC_BASE = 'https://shop.example.test';
const SCREENSHOTS = join(__dirname, '../../../test-output');

describe('decision links: a shopper decides in a real browser, once', () => {
  let smtp: SmtpSink;
  let orderService: HttpReceiver;
  const tooLateOrders = new Set<string>();
  let h: NotificationHarness;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    smtp = await new SmtpSink().start();
    // Plays the order service's POST /orders/:id/decision: 200, or 409 for orders already decided.
    orderService = await new HttpReceiver((req) => (tooLateOrders.has(req.path.split('/')[2]) ? { status: 409, body: { detail: 'The shortage was already decided by an agent.' } } : 200)).start();
    h = await startNotification('notif-decision', { SMTP_PORT: String(smtp.port), ORDER_URL: orderService.url, PUBLIC_BASE_URL: PUBLIC_BASE });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 720, height: 900 } });
  });
  afterAll(async () => {
    await browser?.close();
    await h?.close();
    await Promise.all([smtp?.stop(), orderService?.stop()]);
  });

  /** The link from the email, pointed at this test's instance (as the reverse proxy would). */
  async function decisionLinkFor(shopperId: string, deadline?: Date) {
    await api(h.service, await testTokens.shopper(shopperId), 'PUT', `/shoppers/${shopperId}/channels`, { email: `${shopperId}@example.com` });
    const order = cakeOrder(shopperId);
    await h.producer.send(Events.orderPlaced, order.placed);
    await h.producer.send(Events.orderAwaitingShopperDecision, cakeShortage(order, deadline));
    const [email] = await waitFor(() => smtp.to(`${shopperId}@example.com`).length > 0 && smtp.to(`${shopperId}@example.com`), { what: 'the decision email' });
    const link = new RegExp(`${PUBLIC_BASE}/d/[A-Za-z0-9._-]+`).exec(email.mail.text ?? '')![0];
    return { order, link: link.replace(PUBLIC_BASE, h.service.url) };
  }

  async function choose(label: string) {
    const [response] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.getByRole('button', { name: label }).click()]);
    await page.waitForLoadState();
    return response;
  }

  it('shows the choices on GET, records "refund the cake, ship the rest" on POST, and refuses the link a second time', async () => {
    const { order, link } = await decisionLinkFor('ivy');

    const opened = await page.goto(link);
    expect(opened?.status()).toBe(200);
    expect(opened?.headers()['content-security-policy']).toContain("default-src 'none'");
    await expect(page.locator('h1').textContent()).resolves.toBe("We're missing something from your order");
    const body = await page.locator('main').innerText();
    expect(body).toContain('Chocolate cake');
    const buttons = await page.getByRole('button').allInnerTexts();
    expect(buttons).toEqual([
      expect.stringMatching(/^Wait for restock \(expected \d\d:\d\d UTC on /),
      'Replace it with Vanilla cake',
      'Refund the Chocolate cake, ship the rest',
      'Cancel the whole order',
    ]);
    await page.screenshot({ path: join(SCREENSHOTS, 'notification-decision-page.png'), fullPage: true });
    expect(orderService.requests).toHaveLength(0); // GET never decides

    const decided = await choose('Refund the Chocolate cake, ship the rest');
    expect(decided.status()).toBe(200);
    await expect(page.locator('h1').textContent()).resolves.toBe('Thanks, we got your choice');
    await page.screenshot({ path: join(SCREENSHOTS, 'notification-decision-done.png'), fullPage: true });

    expect(orderService.requests).toHaveLength(1);
    const call = orderService.requests[0];
    expect(call.method).toBe('POST');
    expect(call.path).toBe(`/orders/${order.orderId}/decision`);
    expect(call.json).toEqual({ resolution: ShortageResolution.REFUND_ITEM_SHIP_REST, lineIds: [order.cakeLineId], shopperId: 'ivy' });
    const caller = await verifyToken(String(call.headers.authorization).replace(/^Bearer /, ''), DEV_JWT_SECRET);
    expect(caller.role).toBe('service');

    const again = await page.goto(link);
    expect(again?.status()).toBe(410);
    await expect(page.locator('h1').textContent()).resolves.toBe('This link was already used');

    // Posting the used link directly (a double submit, another tab) decides nothing either.
    const repost = await fetch(link, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'choice=CANCEL_ORDER' });
    expect(repost.status).toBe(410);
    expect(await repost.text()).toContain('This link was already used');
    expect(orderService.requests).toHaveLength(1);
  });

  it('refuses a tampered link with a page that says so', async () => {
    const { link } = await decisionLinkFor('jon');
    const [base, token] = link.split('/d/');
    const [linkId, exp, signature] = token.split('.');
    const flipped = `${signature.slice(0, -1)}${signature.endsWith('A') ? 'B' : 'A'}`;
    for (const forged of [`${linkId}.${exp}.${flipped}`, `${linkId}.${Number(exp) + 3600}.${signature}`, 'not-a-token', 'a'.repeat(300)]) {
      const response = await page.goto(`${base}/d/${forged}`);
      expect(response?.status()).toBe(400);
      await expect(page.locator('h1').textContent()).resolves.toBe('This link is not valid');
    }
    const post = await fetch(`${base}/d/${linkId}.${exp}.${flipped}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'choice=CANCEL_ORDER' });
    expect(post.status).toBe(400);
    expect(orderService.requests.filter((r) => r.json?.shopperId === 'jon')).toHaveLength(0);
  });

  it('refuses an expired link', async () => {
    const { link } = await decisionLinkFor('kim', new Date(Date.now() - 60_000));
    const response = await page.goto(link);
    expect(response?.status()).toBe(410);
    await expect(page.locator('h1').textContent()).resolves.toBe('This link has expired');
    const post = await fetch(link, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'choice=REFUND_ITEM_SHIP_REST' });
    expect(post.status).toBe(410);
    expect(orderService.requests.filter((r) => r.json?.shopperId === 'kim')).toHaveLength(0);
  });

  it('says it is too late when the order service answers 409 (already decided), and spends the link', async () => {
    const { order, link } = await decisionLinkFor('lea');
    tooLateOrders.add(order.orderId);
    await page.goto(link);
    const response = await choose('Replace it with Vanilla cake');
    expect(response.status()).toBe(409);
    await expect(page.locator('h1').textContent()).resolves.toBe('Too late to change this');
    expect(await page.locator('main').innerText()).toContain('already decided by an agent');
    const call = orderService.requests.find((r) => r.json?.shopperId === 'lea')!;
    expect(call.json).toEqual({ resolution: ShortageResolution.SUBSTITUTE, substituteSku: 'CAKE-VAN', lineIds: [order.cakeLineId], shopperId: 'lea' });
    expect((await page.goto(link))?.status()).toBe(410);
  });

  it('refuses a choice the link did not offer, and keeps the link usable', async () => {
    const { link } = await decisionLinkFor('max');
    const odd = await fetch(link, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'choice=SUBSTITUTE:NOT-OFFERED' });
    expect(odd.status).toBe(400);
    const unknownField = await fetch(link, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'choice=CANCEL_ORDER&admin=1' });
    expect(unknownField.status).toBe(400);
    expect((await page.goto(link))?.status()).toBe(200);
  });
});
