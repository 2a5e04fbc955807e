import { testTokens, waitFor } from '@askfirst/testing';
import { ApiClient } from './support/http-client';
import { SystemUnderTest } from './support/system-under-test';

const STORE = 'store-race';
const ITEM = { sku: 'RACE-CAKE', name: 'Last cakes of the day', category: 'race-cakes', unitPriceCents: 900 };
const ALT = { sku: 'RACE-CAKE-ALT', name: 'Other cake', category: 'race-cakes', unitPriceCents: 950 };
const CHOICES = [
  { choice: 'REFUND_ITEM_SHIP_REST' },
  { choice: 'CANCEL_ORDER' },
  { choice: 'SUBSTITUTE' },
  { choice: 'CONTACT_ME', ifNoAnswerWithin: 60, thenFallback: 'REFUND_ITEM_SHIP_REST' },
] as const;

/** 200 concurrent orders through the order API race for 50 units (I3), and every loser goes where its own shopper said. */
describe('200 orders racing for 50 units', () => {
  let system: SystemUnderTest;

  beforeAll(async () => {
    // The race is at inventory: all 200 must reach it at once, so no load shedding at the door
    // (ORDER_ADMISSION_LIMIT is 100 by default; shedding has its own test, admission.int-spec).
    system = await new SystemUnderTest({ label: 'race', env: { ORDER_ADMISSION_LIMIT: '1000' } }).start();
  }, 300_000);
  afterAll(() => system?.stop());

  it('reserves exactly 50, never oversells, and routes every other order by its own choice', async () => {
    const staff = new ApiClient(system.url('inventory'), await testTokens.agent('stock-clerk'));
    for (const [{ sku, ...item }, onHand] of [[ITEM, 50], [ALT, 20]] as const) {
      expect((await staff.put(`/stores/${STORE}/skus/${sku}`, { ...item, onHand })).status).toBe(201);
    }

    let oversold = false;
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        const s = (await staff.get(`/stores/${STORE}/skus/${ITEM.sku}`)).body;
        if (s.reserved > s.onHand || s.available < 0) oversold = true;
        await new Promise((r) => setTimeout(r, 25));
      }
    })();

    const placed = await Promise.all(
      Array.from({ length: 200 }, async (_, i) => {
        const shopperId = `racer-${i}`;
        const onShortage = CHOICES[i % 4];
        const orders = new ApiClient(system.url('order'), await testTokens.shopper(shopperId));
        const res = await orders.post('/orders', { storeId: STORE, onShortage, lines: [{ sku: ITEM.sku, name: ITEM.name, quantity: 1, unitPriceCents: ITEM.unitPriceCents }] });
        expect(res.status).toBe(201);
        return { id: res.body.id as string, choice: onShortage.choice, orders };
      }),
    );

    const settledState = (choice: string, o: any) => {
      if (o.state === 'CONFIRMED') return true;
      if (choice === 'CONTACT_ME') return o.state === 'AWAITING_SHOPPER_DECISION';
      if (choice === 'SUBSTITUTE' && o.lines[0].state === 'SUBSTITUTED') return true;
      return o.state === 'CANCELLED' && o.refunds.every((r: any) => r.status === 'REQUESTED');
    };
    const final = new Map<string, any>();
    await waitFor(async () => {
      for (const p of placed) {
        if (final.has(p.id)) continue;
        const o = (await p.orders.get(`/orders/${p.id}`)).body;
        if (settledState(p.choice, o)) final.set(p.id, o);
      }
      return final.size === placed.length;
    }, { what: 'all 200 orders to settle', timeoutMs: 90_000, intervalMs: 500 });
    sampling = false;
    await sampler;

    const stock = (await staff.get(`/stores/${STORE}/skus/${ITEM.sku}`)).body;
    expect(oversold).toBe(false);
    expect(stock).toMatchObject({ onHand: 50, reserved: 50, available: 0 });
    const confirmedWithItem = placed.filter((p) => final.get(p.id).state === 'CONFIRMED' && final.get(p.id).lines[0].state === 'RESERVED');
    expect(confirmedWithItem).toHaveLength(50);

    for (const p of placed) {
      const o = final.get(p.id);
      if (o.lines[0].state === 'RESERVED') continue;
      const [decision] = o.decisions;
      switch (p.choice) {
        case 'CONTACT_ME':
          expect(o.state).toBe('AWAITING_SHOPPER_DECISION');
          expect(o.decisions).toEqual([]); // nothing decided for the shopper yet
          break;
        case 'CANCEL_ORDER':
          expect(o.state).toBe('CANCELLED');
          expect(decision).toMatchObject({ source: 'SHOPPER_PRESET', resolution: 'CANCEL_ORDER' });
          break;
        case 'REFUND_ITEM_SHIP_REST':
          // Every line short and nothing held: the order is cancelled and refunded, still the shopper's own choice.
          expect(o.state).toBe('CANCELLED');
          expect(decision.source).toBe('SHOPPER_PRESET');
          expect(o.refunds).toHaveLength(1);
          break;
        case 'SUBSTITUTE':
          if (o.lines[0].state === 'SUBSTITUTED') expect(decision).toMatchObject({ source: 'SHOPPER_PRESET', resolution: 'SUBSTITUTE' });
          else expect(o.decisions.map((d: any) => d.source)).toContain('SHOPPER_PRESET_FALLBACK');
          break;
      }
    }
    const substituted = placed.filter((p) => final.get(p.id).lines[0].state === 'SUBSTITUTED').length;
    const alt = (await staff.get(`/stores/${STORE}/skus/${ALT.sku}`)).body;
    expect(alt.reserved).toBe(substituted);
    expect(substituted).toBeLessThanOrEqual(20);
  }, 180_000);
});
