import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DecisionSource, Events, ShortageResolution } from '@askfirst/contracts';
import { launchChromium, testTokens, waitFor } from '@askfirst/testing';
import { Browser } from 'playwright-core';
import { anOrder } from './support/order-event.builders';
import { CustomerServiceHarness } from './support/customer-service.harness';

const SCREENSHOTS = join(__dirname, '..', '..', '..', 'test-output');
const secondsLeft = (text: string) => {
  const [m, s] = text.replace(' left', '').split(':').map(Number);
  return m * 60 + s;
};

describe('agent console (headless Chromium)', () => {
  let h: CustomerServiceHarness;
  let browser: Browser;

  beforeAll(async () => {
    h = await CustomerServiceHarness.start('cs-console');
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  it('an agent claims a CONTACT_ME shortage case and records "refund the cake, ship the rest"', async () => {
    const order = anOrder('shopper-console');
    await h.produce(Events.orderPlaced, order.placed);
    await h.produce(Events.orderAwaitingShopperDecision, order.cakeShort);
    const agent = await testTokens.agent('agent-ada');

    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${h.url}/console?token=${encodeURIComponent(agent)}`);
    expect(page.url()).not.toContain('token='); // stripped from the address bar and history

    const entry = page.locator(`[data-order-id="${order.orderId}"]`);
    await entry.waitFor({ timeout: 10_000 });
    const countdown = entry.locator('.countdown');
    await expect(countdown.textContent()).resolves.toMatch(/^[45]:\d\d left$/);
    // The countdown ticks in the browser, not only when the queue is redrawn (every 3 s): right after a
    // redraw, the same node reads lower within about a second and a half.
    const drawn = (await countdown.elementHandle())!;
    await waitFor(() => drawn.evaluate((node) => !node.isConnected), { timeoutMs: 5_000, what: 'a queue refresh' });
    const fresh = (await countdown.elementHandle())!;
    const before = (await fresh.textContent())!;
    const after = await waitFor(async () => {
      const text = await fresh.textContent();
      return text !== before && text;
    }, { timeoutMs: 2_000, what: 'the countdown to tick' });
    expect(secondsLeft(after)).toBeLessThan(secondsLeft(before));
    await entry.click();
    await page.getByRole('button', { name: 'Claim this case' }).click();

    const form = page.locator('#decision-form');
    await form.waitFor({ state: 'visible' });
    const cake = form.getByLabel(/Cream cake/);
    await expect(cake.isChecked()).resolves.toBe(true);
    await form.getByLabel('Resolution').selectOption(ShortageResolution.REFUND_ITEM_SHIP_REST);
    await form.getByLabel('Internal note').fill('Shopper: refund the cake, ship the rest.');
    await page.locator('#contact-form').getByLabel('Outcome').selectOption('REACHED');
    await page.getByRole('button', { name: 'Log attempt' }).click();
    await page.locator('#attempts li', { hasText: 'reached' }).waitFor();
    await form.getByRole('button', { name: 'Record decision' }).click();
    await page.locator('#decision-recorded').waitFor({ state: 'visible' });

    const recorded = await h.waitForEmitted(Events.caseDecisionRecorded.type, order.orderId);
    expect(recorded.data).toMatchObject({
      agentId: 'agent-ada',
      caseType: 'SHORTAGE_CONTACT',
      decision: { source: DecisionSource.AGENT_FOR_SHOPPER, resolution: ShortageResolution.REFUND_ITEM_SHIP_REST, lineIds: [order.lines.cake.lineId] },
    });
    expect(recorded.data.note).toBeUndefined(); // internal notes stay in this service
    expect(h.emitted(Events.agentJoined.type, order.orderId)).toEqual([expect.objectContaining({ data: expect.objectContaining({ agentId: 'agent-ada' }) })]);

    // The timeline shows what happened, with the agent's note for staff.
    await page.locator('#timeline li', { hasText: "recorded the shopper's decision" }).waitFor();
    await expect(page.locator('#timeline').textContent()).resolves.toContain('Shopper: refund the cake, ship the rest.');
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOTS, 'customer-service-console.png'), fullPage: true });

    await page.getByLabel('Summary for the shopper').fill('Cake refunded, the rest is on its way.');
    await page.getByRole('button', { name: 'Resolve case' }).click();
    const resolved = await h.waitForEmitted(Events.caseResolved.type, order.orderId);
    expect(resolved.data.summary).toBe('Cake refunded, the rest is on its way.');
    await waitFor(async () => (await entry.count()) === 0, { what: 'resolved case leaves the queue' });
    await page.close();
  });

  it('serves the page as a public shell with a strict CSP, and refuses a shopper token', async () => {
    const res = await fetch(`${h.url}/console`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect((await fetch(`${h.url}/console/nope.js`)).status).toBe(404);

    const page = await browser.newPage();
    await page.goto(`${h.url}/console?token=${encodeURIComponent(await testTokens.shopper('shopper-x'))}`);
    await page.locator('#sign-in').waitFor({ state: 'visible' });
    await expect(page.locator('#status').textContent()).resolves.toContain('not an agent');
    await page.close();
  });
});
