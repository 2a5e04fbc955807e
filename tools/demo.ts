// `npm run demo`: the disappearing-cake story against the running system (`npm run up`), one order
// per shortage choice, each order's timeline printed as a person would read it.
import { testTokens, waitFor } from '@askfirst/testing';
import { CakeStory, formatTimeline, OnShortage } from '../tests/e2e/support/cake-story';
import { ApiClient } from '../tests/e2e/support/http-client';

const urls = {
  order: process.env.ORDER_URL ?? 'http://127.0.0.1:3001',
  inventory: process.env.INVENTORY_URL ?? 'http://127.0.0.1:3002',
  notification: process.env.NOTIFICATION_URL ?? 'http://127.0.0.1:3003',
  customerService: process.env.CUSTOMER_SERVICE_URL ?? 'http://127.0.0.1:3004',
};

const CHOICES: [string, OnShortage][] = [
  ['refund the cake, ship the rest', { choice: 'REFUND_ITEM_SHIP_REST' }],
  ['cancel the whole order', { choice: 'CANCEL_ORDER' }],
  ['substitute the best match', { choice: 'SUBSTITUTE' }],
  ['call me (an agent answers for the shopper)', { choice: 'CONTACT_ME', ifNoAnswerWithin: 10, thenFallback: 'REFUND_ITEM_SHIP_REST' }],
];

/** Changes the shopper is told about: the demo waits for each one's notice so the timeline shows it. */
const TOLD = ['order.confirmed.v1', 'order.awaiting-shopper-decision.v1', 'order.line-refund-approved.v1', 'order.line-substituted.v1', 'order.cancelled.v1'];

const everyChangeTold = (o: any) => {
  const told = new Set(o.timeline.filter((t: any) => t.eventType === 'notification.shopper-notified.v1').map((t: any) => t.data?.causeEventId));
  return o.timeline.every((t: any) => t.kind !== 'PUBLISHED' || !TOLD.includes(t.eventType) || told.has(t.eventId));
};

const settled = (o: any) =>
  ['CANCELLED', 'PICKING', 'ON_HOLD'].includes(o.state) &&
  !o.lines.some((l: any) => l.waitingForDecision || l.state === 'SHORT') &&
  o.refunds.every((r: any) => r.status === 'REQUESTED') &&
  everyChangeTold(o);

/** 1500 EUR cents → "15.00 EUR": the minor unit as the currency defines it (none for JPY). */
function money(minorUnits: number, currency: string): string {
  const digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  return `${(minorUnits / 10 ** digits).toFixed(digits)} ${currency}`;
}

async function agentAnswers(orderId: string, cakeLineId: string): Promise<void> {
  const agent = new ApiClient(urls.customerService, await testTokens.agent('demo-agent'));
  const found = await waitFor(async () => ((await agent.get('/queue')).body as any[]).find((c) => c.orderId === orderId), { what: 'the case in the queue', timeoutMs: 20_000 });
  await agent.post(`/cases/${found.id}/claim`);
  await agent.post(`/cases/${found.id}/contact-attempts`, { outcome: 'REACHED', note: 'Shopper: refund the cake, ship the rest.' });
  await agent.post(`/cases/${found.id}/decision`, { resolution: 'REFUND_ITEM_SHIP_REST', lineIds: [cakeLineId] });
}

async function main() {
  const story = new CakeStory(urls);
  for (const [name, url] of Object.entries(urls)) {
    const ready = await fetch(`${url}/health/ready`).then((r) => r.status).catch(() => 0);
    if (ready !== 200) throw new Error(`${name} is not ready at ${url}: start the system with \`npm run up\``);
  }
  await story.stockTheStore();
  for (const [label, onShortage] of CHOICES) {
    const shopperId = story.newShopperId('demo');
    process.stdout.write(`\n=== ${shopperId} chose at checkout: ${label}\n`);
    const { orderId, cakeLineId } = await story.cakeGoesMissingAtPicking(shopperId, onShortage);
    const { orders } = await story.shopper(shopperId);
    if (onShortage.choice === 'CONTACT_ME') {
      await story.waitForOrder(orders, orderId, (o) => o.state === 'AWAITING_SHOPPER_DECISION', 'waiting for the shopper');
      await agentAnswers(orderId, cakeLineId);
    }
    const order = await story.waitForOrder(orders, orderId, (o) => settled(o) && (o.decisions.length > 0), 'the order to settle');
    process.stdout.write(`${formatTimeline(order)}\n`);
    for (const d of order.decisions) process.stdout.write(`  decision: ${d.resolution} by ${d.source}${d.fallbackReason ? ` (${d.fallbackReason})` : ''}\n`);
    for (const r of order.refunds) process.stdout.write(`  refund: ${money(r.amountCents, r.currency)} ${r.status} (after notice ${r.noticeId})\n`);
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(`demo failed: ${(error as Error).message}\n`);
    process.exit(1);
  },
);
