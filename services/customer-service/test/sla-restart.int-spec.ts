import { join } from 'node:path';
import { Events } from '@askfirst/contracts';
import { freePort, ServiceProcess, startTestApp, testTokens, waitFor } from '@askfirst/testing';
import { AppModule } from '../src/app.module';
import { loadConfig } from '../src/config';
import { anOrder } from './support/order-event.builders';
import { CustomerServiceHarness } from './support/customer-service.harness';

const TEST_OUTPUT = join(__dirname, '..', '..', '..', 'test-output');

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
    const res = await h.askForHuman(order.orderId, await testTokens.shopper(shopperId));
    expect(res.status).toBe(201);
    return { order, caseId: res.body.id as string, dueAt: Date.parse(res.body.slaDueAt) };
  }

  /** A later event on the same key: anything published before it is in the recorder by then. */
  async function claimAsMarker(caseId: string, orderId: string) {
    expect((await h.api('POST', `/cases/${caseId}/claim`, await testTokens.supervisor('sup-restart'))).status).toBe(200);
    await h.waitForEmitted(Events.agentJoined.type, orderId);
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

    await claimAsMarker(caseId, order.orderId);
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

  it('a process killed (SIGKILL) after committing a breach, before publishing it, publishes it exactly once after restart', async () => {
    await h.stopApp();
    // With the relay's lock held, the breach can commit but not reach Kafka: the kill lands in between.
    const relay = await h.holdOutboxRelay();
    // The broker's minimum session timeout, so the restarted app soon stops waiting for the dead member.
    const crashing = new ServiceProcess('customer-service', await freePort(), { ...h.env.env, ...SLA, CONSUMER_SESSION_TIMEOUT_MS: '6000' }, TEST_OUTPUT);
    await crashing.start();
    const order = anOrder('shopper-crash');
    let caseId: string;
    try {
      await h.produce(Events.orderAwaitingShopperDecision, order.cakeShort);
      caseId = await waitFor(async () => {
        crashing.assertRunning();
        const [row] = await h.query(`SELECT id FROM cases WHERE order_id = $1 AND breached_at IS NOT NULL`, [order.orderId]);
        return row?.id as string | undefined;
      }, { timeoutMs: 60_000, what: 'the breach committed by the process' });
    } finally {
      await crashing.stop('SIGKILL'); // no graceful shutdown: no outbox flush, no offset commit
      await relay.release();
    }
    const [pending] = await h.query(
      `SELECT count(*)::int AS n FROM outbox_messages WHERE message_key = $1 AND event_type = $2 AND published_at IS NULL`,
      [order.orderId, Events.slaBreached.type],
    );
    expect(pending.n).toBe(1);
    expect(h.emitted(Events.slaBreached.type, order.orderId)).toHaveLength(0);

    await h.startApp();
    const breach = await h.waitForEmitted(Events.slaBreached.type, order.orderId);
    expect(breach.data.caseId).toBe(caseId);
    await claimAsMarker(caseId, order.orderId);
    expect(h.emitted(Events.slaBreached.type, order.orderId)).toHaveLength(1);
  }, 120_000);
});
