// Conflicting decisions at the same moment (ADR 0003 §4: exactly one decision wins per shortage):
// the shopper and an agent at once, a double submit, and a decision racing the fallback deadline.
// Each ends with exactly one decision applied, at most one refund, and a clean audit.
import { randomUUID } from 'node:crypto';
import { testTokens, waitFor } from '@askfirst/testing';
import { FaultSystem } from './support/fault-system';
import { catalogue, seedCatalogue, STORE } from './support/load';

const ROUNDS = Number(process.env.RACE_ROUNDS ?? 6);
const SHOPPER_SOURCES = ['SHOPPER', 'AGENT_FOR_SHOPPER', 'SHOPPER_PRESET_FALLBACK'];

describe('concurrent conflicting decisions', () => {
  let sys: FaultSystem;
  const { plenty, none } = catalogue();

  beforeAll(async () => {
    // ORDER_DECISION_WINDOW_SCALE 0.05: a one-minute window lasts 3 s.
    sys = await new FaultSystem({ label: 'races', env: { ORDER_DECISION_WINDOW_SCALE: '0.05', ORDER_DEADLINE_POLL_MS: '50' } }).start();
    await seedCatalogue(sys);
  }, 400_000);

  afterAll(async () => {
    await sys?.stop();
  }, 120_000);

  /** A CONTACT_ME order with one short line, waiting for the shopper, with its SHORTAGE_CONTACT case open. */
  async function waitingOrder(ifNoAnswerWithin: number, thenFallback = 'REFUND_ITEM_SHIP_REST'): Promise<{ id: string; shopperId: string; shortLineId: string; deadline: number }> {
    const shopperId = `race-${randomUUID().slice(0, 8)}`;
    const res = await sys.api('order').post('/orders', {
      shopperId, storeId: STORE, onShortage: { choice: 'CONTACT_ME', ifNoAnswerWithin, thenFallback },
      lines: [
        { sku: plenty[0].sku, name: plenty[0].name, quantity: 1, unitPriceCents: plenty[0].unitPriceCents },
        { sku: none[0].sku, name: none[0].name, quantity: 2, unitPriceCents: none[0].unitPriceCents },
      ],
    });
    expect(res.status).toBe(201);
    const order = await waitFor(async () => {
      const o = (await sys.api('order').get(`/orders/${res.body.id}`)).body;
      return o.state === 'AWAITING_SHOPPER_DECISION' ? o : undefined;
    }, { timeoutMs: 60_000, what: 'the order to wait for the shopper' });
    return { id: order.id, shopperId, shortLineId: order.waitingLineIds[0], deadline: Date.parse(order.decisionDeadline) };
  }

  async function caseOf(orderId: string): Promise<string> {
    return waitFor(async () => (await sys.query<{ id: string }>('customer-service', `SELECT id FROM cases WHERE order_id = $1 AND type = 'SHORTAGE_CONTACT'`, [orderId]))[0]?.id,
      { timeoutMs: 60_000, what: `the shortage case of ${orderId}` });
  }

  async function outcome(orderId: string) {
    const decisions = await sys.query<{ source: string; resolution: string }>('order', `SELECT source, resolution FROM order_decisions WHERE order_id = $1`, [orderId]);
    const refunds = await sys.query<{ id: string }>('order', `SELECT id FROM order_refunds WHERE order_id = $1`, [orderId]);
    const rejected = await sys.query<{ summary: string }>('order', `SELECT summary FROM order_timeline WHERE order_id = $1 AND kind = 'DECISION_REJECTED'`, [orderId]);
    return { applied: decisions.filter((d) => SHOPPER_SOURCES.includes(d.source)), refunds: refunds.length, rejected: rejected.length };
  }

  async function settled(): Promise<void> {
    await sys.waitQuiet(120_000);
    const audit = await sys.audit();
    expect(audit.countsByRule).toEqual({});
  }

  it(`the shopper and an agent decide at the same moment (${ROUNDS} orders): one decision applies, the other is refused or rejected`, async () => {
    const agent = sys.api('customer-service', await testTokens.agent('agent-race'));
    const orders = [];
    for (let i = 0; i < ROUNDS; i++) orders.push(await waitingOrder(60));
    const results = [];
    for (const o of orders) {
      const caseId = await caseOf(o.id);
      expect((await agent.post(`/cases/${caseId}/claim`)).status).toBe(200);
      const shopper = sys.api('order', await testTokens.shopper(o.shopperId));
      const [mine, theirs] = await Promise.all([
        shopper.post(`/orders/${o.id}/decision`, { resolution: 'REFUND_ITEM_SHIP_REST' }),
        agent.post(`/cases/${caseId}/decision`, { resolution: 'CANCEL_ORDER' }),
      ]);
      results.push({ o, shopper: mine.status, agent: theirs.status });
    }
    await settled();
    for (const { o, shopper, agent: agentStatus } of results) {
      const out = await outcome(o.id);
      expect(out.applied).toHaveLength(1);
      expect(out.refunds).toBeLessThanOrEqual(1);
      if (shopper === 200) {
        expect(out.applied[0].source).toBe('SHOPPER');
        // The agent's decision was recorded on the case but the order refused it, visibly.
        if (agentStatus === 201) expect(out.rejected).toBe(1);
      } else {
        expect(shopper).toBe(409);
        expect(out.applied[0].source).toBe('AGENT_FOR_SHOPPER');
      }
    }
  }, 600_000);

  it(`a double submit (${ROUNDS} orders): one 200, one 409, one decision, one refund`, async () => {
    const orders = [];
    for (let i = 0; i < ROUNDS; i++) orders.push(await waitingOrder(60));
    const statuses: number[][] = [];
    for (const o of orders) {
      const shopper = sys.api('order', await testTokens.shopper(o.shopperId));
      const both = await Promise.all([0, 1].map(() => shopper.post(`/orders/${o.id}/decision`, { resolution: 'REFUND_ITEM_SHIP_REST' })));
      statuses.push(both.map((r) => r.status).sort());
    }
    await settled();
    for (const [i, o] of orders.entries()) {
      expect(statuses[i]).toEqual([200, 409]);
      const out = await outcome(o.id);
      expect(out.applied).toEqual([{ source: 'SHOPPER', resolution: 'REFUND_ITEM_SHIP_REST' }]);
      expect(out.refunds).toBe(1);
    }
  }, 600_000);

  it(`a decision racing the fallback deadline (${ROUNDS * 2} orders, sent from 300 ms before to 300 ms after it): exactly one applies`, async () => {
    // Four-minute windows scaled to 12 s: time to see every order waiting before its deadline comes.
    const orders = await Promise.all(Array.from({ length: ROUNDS * 2 }, (_, i) => waitingOrder(4, i % 2 ? 'CANCEL_ORDER' : 'REFUND_ITEM_SHIP_REST')));
    const sent = await Promise.all(orders.map(async (o, i) => {
      const offset = -300 + Math.round((600 * i) / Math.max(1, orders.length - 1));
      const wait = o.deadline + offset - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const shopper = sys.api('order', await testTokens.shopper(o.shopperId));
      return { o, offset, status: (await shopper.post(`/orders/${o.id}/decision`, { resolution: 'WAIT_FOR_RESTOCK' })).status };
    }));
    await settled();
    const tally = { shopper: 0, fallback: 0 };
    for (const { o, status } of sent) {
      const out = await outcome(o.id);
      expect(out.applied).toHaveLength(1);
      expect(out.refunds).toBeLessThanOrEqual(1);
      if (status === 200) {
        expect(out.applied[0].source).toBe('SHOPPER');
        expect(out.refunds).toBe(0);
        tally.shopper += 1;
      } else {
        expect(status).toBe(409);
        expect(out.applied[0].source).toBe('SHOPPER_PRESET_FALLBACK');
        tally.fallback += 1;
      }
    }
    process.stdout.write(`decision vs deadline: shopper won ${tally.shopper}, fallback won ${tally.fallback}\n`);
  }, 600_000);
});
