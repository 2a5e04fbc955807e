import { randomUUID } from 'node:crypto';
import { testTokens } from '@askfirst/testing';
import { FaultSystem } from './fault-system';

export const STORE = 'faults-store';
const CATEGORIES = ['bakery', 'dairy', 'produce', 'drinks'];

export interface Sku {
  sku: string;
  name: string;
  category: string;
  unitPriceCents: number;
  onHand: number;
}

/** Per category: five SKUs with plenty of stock, two with none (every line on them is short). */
export function catalogue(): { plenty: Sku[]; none: Sku[] } {
  const plenty: Sku[] = [];
  const none: Sku[] = [];
  CATEGORIES.forEach((category, c) => {
    for (let i = 0; i < 5; i++) plenty.push({ sku: `F-${category.toUpperCase()}-${i}`, name: `${category} ${i}`, category, unitPriceCents: 100 + c * 50 + i * 10, onHand: 1_000_000 });
    for (let i = 0; i < 2; i++) none.push({ sku: `F-${category.toUpperCase()}-OUT-${i}`, name: `${category} out ${i}`, category, unitPriceCents: 105 + c * 50 + i * 10, onHand: 0 });
  });
  return { plenty, none };
}

export async function seedCatalogue(sys: FaultSystem): Promise<void> {
  const { plenty, none } = catalogue();
  const inventory = sys.api('inventory');
  for (const item of [...plenty, ...none]) {
    const res = await inventory.put(`/stores/${STORE}/skus/${item.sku}`, { name: item.name, category: item.category, unitPriceCents: item.unitPriceCents, onHand: item.onHand });
    if (res.status !== 201 && res.status !== 200) throw new Error(`seeding ${item.sku}: ${res.status} ${JSON.stringify(res.body)}`);
  }
}

export const SHOPPERS = 40;
export const shopperId = (i: number) => `faults-shopper-${i % SHOPPERS}`;

/** Every shopper is reached by email first (so a hanging SMTP provider holds their notices). */
export async function seedShoppers(sys: FaultSystem): Promise<void> {
  for (let i = 0; i < SHOPPERS; i++) {
    const id = shopperId(i);
    const res = await sys.api('notification', await testTokens.shopper(id)).put(`/shoppers/${id}/channels`, { email: `${id}@faults.test`, order: ['EMAIL'] });
    if (res.status !== 200) throw new Error(`channels of ${id}: ${res.status} ${JSON.stringify(res.body)}`);
  }
}

export type Policy =
  | { choice: 'REFUND_ITEM_SHIP_REST' }
  | { choice: 'CANCEL_ORDER' }
  | { choice: 'SUBSTITUTE'; thenFallback?: 'REFUND_ITEM_SHIP_REST' | 'CANCEL_ORDER' }
  | { choice: 'CONTACT_ME'; ifNoAnswerWithin: number; thenFallback: 'REFUND_ITEM_SHIP_REST' | 'CANCEL_ORDER' | 'KEEP_HOLDING' };

const POLICIES: Policy[] = [
  { choice: 'REFUND_ITEM_SHIP_REST' },
  { choice: 'CANCEL_ORDER' },
  { choice: 'SUBSTITUTE' },
  { choice: 'SUBSTITUTE', thenFallback: 'CANCEL_ORDER' },
  { choice: 'CONTACT_ME', ifNoAnswerWithin: 1, thenFallback: 'REFUND_ITEM_SHIP_REST' },
  { choice: 'CONTACT_ME', ifNoAnswerWithin: 1, thenFallback: 'CANCEL_ORDER' },
  { choice: 'CONTACT_ME', ifNoAnswerWithin: 2, thenFallback: 'KEEP_HOLDING' },
];

export interface PlannedOrder {
  key: string;
  shopperId: string;
  short: boolean;
  body: Record<string, unknown>;
}

/** A deterministic mix: `shortageRate` of the orders have one line on a SKU with no stock. */
export function planOrders(count: number, shortageRate: number, seed: number): PlannedOrder[] {
  const { plenty, none } = catalogue();
  let state = seed >>> 0 || 1;
  const rand = () => ((state = (state * 1664525 + 1013904223) >>> 0) / 2 ** 32);
  const out: PlannedOrder[] = [];
  for (let i = 0; i < count; i++) {
    const short = rand() < shortageRate;
    const lines = Array.from({ length: 1 + Math.floor(rand() * 3) }, () => plenty[Math.floor(rand() * plenty.length)]);
    const distinct = [...new Map(lines.map((l) => [l.sku, l])).values()].map((l) => ({ sku: l.sku, name: l.name, quantity: 1 + Math.floor(rand() * 3), unitPriceCents: l.unitPriceCents }));
    if (short) {
      const out0 = none[Math.floor(rand() * none.length)];
      distinct.push({ sku: out0.sku, name: out0.name, quantity: 1 + Math.floor(rand() * 2), unitPriceCents: out0.unitPriceCents });
    }
    const shopper = shopperId(Math.floor(rand() * SHOPPERS));
    out.push({
      key: randomUUID(),
      shopperId: shopper,
      short,
      body: { shopperId: shopper, storeId: STORE, currency: 'EUR', onShortage: POLICIES[Math.floor(rand() * POLICIES.length)], lines: distinct },
    });
  }
  return out;
}

export interface PlaceResult {
  placed: Map<string, string>;
  /** Attempts that failed and were retried (the service or its database was down). */
  retries: number;
  failed: { key: string; error: string }[];
}

/**
 * Places orders with `concurrency` clients, each with its Idempotency-Key, retrying connection
 * errors and 5xx (a killed service, a stopped database) until `giveUpAfterMs`: a retried request
 * must still give exactly one order.
 */
export function placeOrders(sys: FaultSystem, plan: PlannedOrder[], options: { concurrency?: number; giveUpAfterMs?: number; paceMs?: number } = {}): { result: PlaceResult; done: Promise<PlaceResult> } {
  const result: PlaceResult = { placed: new Map(), retries: 0, failed: [] };
  const order = () => sys.api('order');
  let next = 0;
  const worker = async () => {
    while (next < plan.length) {
      const p = plan[next++];
      const started = Date.now();
      for (;;) {
        let error: string;
        try {
          const res = await order().post('/orders', p.body, { 'Idempotency-Key': p.key });
          if (res.status === 201 || res.status === 200) {
            result.placed.set(p.key, (res.body as { id: string }).id);
            break;
          }
          error = `${res.status} ${JSON.stringify(res.body).slice(0, 300)}`;
          if (res.status < 500 && res.status !== 429 && res.status !== 409) {
            result.failed.push({ key: p.key, error });
            break;
          }
        } catch (e) {
          error = String(e);
        }
        if (Date.now() - started > (options.giveUpAfterMs ?? 180_000)) {
          result.failed.push({ key: p.key, error });
          break;
        }
        result.retries += 1;
        await new Promise((r) => setTimeout(r, 250));
      }
      if (options.paceMs) await new Promise((r) => setTimeout(r, options.paceMs));
    }
  };
  const done = Promise.all(Array.from({ length: options.concurrency ?? 6 }, worker)).then(() => result);
  return { result, done };
}

/** Drives confirmed orders through picking, ready, dispatch and delivery (the shop floor and courier). */
export async function fulfil(sys: FaultSystem, orderIds: string[], share = 0.5): Promise<number> {
  const rows = await sys.query<{ id: string }>('order', `SELECT id FROM orders WHERE state = 'CONFIRMED' AND id = ANY($1::uuid[])`, [orderIds]);
  const chosen = rows.filter((_, i) => i % Math.round(1 / share) === 0);
  let delivered = 0;
  let next = 0;
  const worker = async () => {
    while (next < chosen.length) {
      const { id } = chosen[next++];
      let ok = true;
      for (const step of ['picking-started', 'ready', 'dispatched', 'delivered']) {
        const res = await sys.api('order').post(`/orders/${id}/${step}`);
        if (res.status !== 200) {
          ok = false;
          break;
        }
      }
      if (ok) delivered += 1;
    }
  };
  await Promise.all(Array.from({ length: 4 }, worker));
  return delivered;
}
