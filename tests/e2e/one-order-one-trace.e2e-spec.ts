import { randomBytes } from 'node:crypto';
import { testTokens, waitFor } from '@askfirst/testing';
import { CakeStory, SNACKS, STORE } from './support/cake-story';
import { ApiClient } from './support/http-client';
import { CollectedSpan, SpanCollector } from './support/span-collector';
import { SystemUnderTest } from './support/system-under-test';


// Four real services on a shared two-core machine: flows take seconds, not milliseconds.
jest.setTimeout(180_000);
/** W3C trace context rides in Kafka headers, so one order is one trace across the four services. */
describe('one order is one trace', () => {
  const collector = new SpanCollector();
  let system: SystemUnderTest;

  beforeAll(async () => {
    await collector.start();
    system = await new SystemUnderTest({ label: 'trace', env: { OTEL_EXPORTER_OTLP_ENDPOINT: collector.endpoint, OTEL_BSP_SCHEDULE_DELAY: '200' } }).start();
  }, 300_000);

  afterAll(async () => {
    await system?.stop();
    await collector.stop();
  });

  it('spans from order, inventory, notification and customer-service share the trace the shopper started', async () => {
    const story = new CakeStory({ order: system.url('order'), inventory: system.url('inventory'), notification: system.url('notification'), customerService: system.url('customer-service') });
    await story.stockTheStore();
    const traceId = randomBytes(16).toString('hex');
    const shopperId = story.newShopperId('traced');
    const orders = new ApiClient(system.url('order'), await testTokens.shopper(shopperId));

    const placed = await orders.post(
      '/orders',
      { storeId: STORE, onShortage: { choice: 'REFUND_ITEM_SHIP_REST' }, lines: [{ sku: SNACKS.sku, name: SNACKS.name, quantity: 1, unitPriceCents: SNACKS.unitPriceCents }] },
      { traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01` },
    );
    expect(placed.status).toBe(201);
    await story.waitForOrder(orders, placed.body.id, (o) => o.state === 'CONFIRMED', 'confirmed');

    // Each service exports its spans in its own batches, so wait until every span this test names
    // has arrived and every parent is in (a parent can be exported after its child).
    const expected: Array<[string, (span: CollectedSpan) => boolean]> = [
      ['askfirst-order', (span) => span.name.startsWith('HTTP POST')],
      ['askfirst-inventory', (span) => span.name === 'order.placed.v1 process'],
      ['askfirst-order', (span) => span.name === 'inventory.reserved.v1 process'],
      ['askfirst-notification', (span) => span.name === 'order.confirmed.v1 process'],
      ['askfirst-customer-service', () => true],
    ];
    const orphansOf = (all: CollectedSpan[]) => {
      const ids = new Set(all.map((s) => s.spanId));
      return all.filter((s) => s.parentSpanId && !ids.has(s.parentSpanId) && !s.name.startsWith('HTTP POST'));
    };
    const spans = await waitFor(() => {
      const mine = collector.ofTrace(traceId);
      const complete = expected.every(([service, match]) => mine.some((span) => span.service === service && match(span)));
      return complete && orphansOf(mine).length === 0 && mine;
    }, { what: 'the named spans of all four services, with every parent, in the trace', timeoutMs: 45_000 }).catch(() => collector.ofTrace(traceId));

    expect(spans.find((s) => s.service === 'askfirst-order' && s.name.startsWith('HTTP POST'))).toBeDefined();
    expect(spans.find((s) => s.service === 'askfirst-inventory' && s.name === 'order.placed.v1 process')).toBeDefined();
    expect(spans.find((s) => s.service === 'askfirst-order' && s.name === 'inventory.reserved.v1 process')).toBeDefined();
    expect(spans.find((s) => s.service === 'askfirst-notification' && s.name === 'order.confirmed.v1 process')).toBeDefined();
    expect(spans.some((s) => s.service === 'askfirst-customer-service')).toBe(true);
    // Every span but the HTTP entry has a parent inside the same trace: it is one connected tree.
    expect(orphansOf(spans)).toEqual([]);
  });
});
