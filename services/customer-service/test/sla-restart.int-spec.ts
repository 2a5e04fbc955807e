import { Events } from '@askfirst/contracts';
import { startTestApp, testTokens, waitFor } from '@askfirst/testing';
import { AppModule } from '../src/app.module';
import { loadConfig } from '../src/config';
import { anOrder } from './support/order-event.builders';
import { CustomerServiceHarness } from './support/customer-service.harness';

// SLA clocks are rows, not timers: a restart neither loses a breach nor repeats it, and replicas share the work.
describe('the durable SLA clock across restarts and replicas', () => {
  // Asks get a window long enough for a graceful stop inside it (the Kafka consumer may finish a 1 s
  // fetch first); shortages a short one, for the replica test.
  const SLA = { SLA_SHOPPER_ASKED_FOR_HUMAN_SECONDS: '4', SLA_SHORTAGE_CONTACT_SECONDS: '1', SLA_POLL_MS: '100' };
  let h: CustomerServiceHarness;

  beforeAll(async () => {
    h = await CustomerServiceHarness.start('cs-restart', SLA);
  });
  afterAll(() => h?.close());

  async function askedCase(shopperId: string) {
    const order = anOrder(shopperId);
    await h.produce(Events.orderPlaced, order.placed);
    const token = await testTokens.shopper(shopperId);
    const res = await waitFor(async () => {
      const r = await h.api('POST', '/cases', token, { orderId: order.orderId });
      return r.status === 201 && r;
    }, { what: 'case opened' });
    return { order, caseId: res.body.id as string, dueAt: Date.parse(res.body.slaDueAt) };
  }

  it('a restart in the middle of the SLA window neither loses nor duplicates the breach', async () => {
    const { order, caseId, dueAt } = await askedCase('shopper-restart');
    await h.stopApp();
    // The first app is gone before the deadline, so only the next one can breach the case.
    expect(Date.now()).toBeLessThan(dueAt);
    const [row] = await h.query(`SELECT breached_at FROM cases WHERE id = $1`, [caseId]);
    expect(row.breached_at).toBeNull();
    await h.startApp();

    const breach = await h.waitForEmitted(Events.slaBreached.type, order.orderId);
    expect(breach.data.caseId).toBe(caseId);

    // A later event on the same key: anything published before it is in the recorder by then.
    const supervisor = await testTokens.supervisor('sup-restart');
    expect((await h.api('POST', `/cases/${caseId}/claim`, supervisor)).status).toBe(200);
    await h.waitForEmitted(Events.agentJoined.type, order.orderId);
    expect(h.emitted(Events.slaBreached.type, order.orderId)).toHaveLength(1);
  });

  it('two replicas on one database breach each case exactly once (FOR UPDATE SKIP LOCKED)', async () => {
    const replica = await startTestApp('customer-service', AppModule.forRoot(loadConfig({ ...h.env.env, ...SLA })));
    try {
      const orders = Array.from({ length: 12 }, (_, i) => anOrder(`shopper-replica-${i}`));
      for (const order of orders) await h.produce(Events.orderAwaitingShopperDecision, order.cakeShort);
      const opened = await waitFor(() => {
        const all = orders.map((o) => h.emitted(Events.caseOpened.type, o.orderId)[0]);
        return all.every(Boolean) && all;
      }, { timeoutMs: 20_000, what: 'every shortage case opened' });
      const cases = opened.map((e) => ({ caseId: e.data.caseId as string, order: { orderId: e.data.orderId as string } }));
      const ids = new Set(cases.map((c) => c.caseId));
      await waitFor(() => h.emitted(Events.slaBreached.type).filter((e) => ids.has(e.data.caseId)).length >= ids.size, { timeoutMs: 20_000, what: 'every case breached' });

      // Markers behind every breach, per order key, before counting.
      const supervisor = await testTokens.supervisor('sup-replicas');
      for (const c of cases) expect((await h.api('POST', `/cases/${c.caseId}/claim`, supervisor)).status).toBe(200);
      await waitFor(() => cases.every((c) => h.emitted(Events.agentJoined.type, c.order.orderId).length === 1), { what: 'markers' });
      const breaches = h.emitted(Events.slaBreached.type).filter((e) => ids.has(e.data.caseId));
      expect(breaches).toHaveLength(ids.size);
      expect(new Set(breaches.map((e) => e.data.caseId)).size).toBe(ids.size);
    } finally {
      await replica.close();
    }
  });
});
