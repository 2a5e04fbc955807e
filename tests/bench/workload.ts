import { randomUUID } from 'node:crypto';
import { testTokens } from '@askfirst/testing';
import { Http } from './http';
import { BenchOptions, Choice, CHOICES } from './options';
import { OrderTracker, Scenario } from './tracker';

/** Deterministic randomness, so two runs with the same options offer the same orders. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SCARCE = { sku: 'CAKE-SCARCE', name: 'Cream cake', category: 'cakes', unitPriceCents: 1299 };
const SUBSTITUTE = { sku: 'CAKE-SUB', name: 'Chocolate cake', category: 'cakes', unitPriceCents: 1399 };
const FRAGILE = { name: 'Strawberry tart', category: 'fresh-tarts', unitPriceCents: 999 };
const PLENTY = 1_000_000;
const MAX_SHED_RETRIES = 10;

export interface WorkloadCounters {
  placed: number;
  refused: number;
  /** 503 answers to POST /orders (the order service shedding load); the shopper retried after Retry-After. */
  shed: number;
  errors: number;
  pickingStarted: number;
  missingReported: number;
  confirmTimeouts: number;
  fragileCreatedDuringRun: number;
  /** Offers the generator could not make on time (it never had more than maxPosts POSTs open). */
  generatorBehind: number;
}

/**
 * Shoppers, pickers and stock clerks: places orders through the public API with the configured
 * shortage mix and plays the picker for orders whose shortage is found at picking.
 *
 * - Reservation shortage: one line of CAKE-SCARCE (on-hand 0) with quantity 2 — more than on hand.
 * - Picking shortage: one line of a tart SKU registered with exactly 1 unit on hand; after
 *   picking-started the clerk reports it MISSING with the orderId (the disappearing cake), so
 *   inventory takes that unit from this order.
 * - SUBSTITUTE: best match (CAKE-SUB, same category) at reservation, the named SKU CAKE-SUB at picking.
 * - CONTACT_ME: 120 minutes to answer (the fallback never fires during a run); agents decide.
 */
export class Workload {
  readonly counters: WorkloadCounters = { placed: 0, refused: 0, shed: 0, errors: 0, pickingStarted: 0, missingReported: 0, confirmTimeouts: 0, fragileCreatedDuringRun: 0, generatorBehind: 0 };
  readonly stores: string[];
  readonly firstErrors: string[] = [];
  /** 503 answers per phase: a phase whose offers were shed did not hold its rate, however fast the accepted ones settled. */
  readonly shedByPhase = new Map<string, number>();
  private readonly random: () => number;
  private shopperApis: { id: string; order: Http; cs: Http }[] = [];
  private picker!: Http;
  private clerk!: Http;
  private readonly fragile = new Map<string, string[]>();
  private fragileSeq = 0;
  private shopperNext = 0;
  private postsOpen = 0;
  private readonly flows = new Set<Promise<void>>();
  private readonly runTag = Date.now().toString(36).toUpperCase().slice(-5);

  constructor(private readonly urls: Record<string, string>, private readonly tracker: OrderTracker, private readonly opts: BenchOptions, seed = 1) {
    this.random = prng(seed);
    this.stores = Array.from({ length: opts.stores }, (_, i) => `bench-store-${i + 1}`);
  }

  get shoppers(): { id: string; cs: Http }[] {
    return this.shopperApis;
  }

  get postsOpenCount(): number {
    return this.postsOpen;
  }

  get inFlightFlows(): number {
    return this.flows.size;
  }

  itemSku(i: number): string {
    return `ITEM-${String(i + 1).padStart(3, '0')}`;
  }

  /** Catalogue and stock for every store, tokens (and for --email-share, an email channel) for the shoppers, a pool of one-unit tart SKUs. */
  async seed(fragilePerStore: number, onProgress?: (done: number, total: number) => void): Promise<void> {
    this.picker = new Http(this.urls.order, await testTokens.service('bench-picker-app'));
    this.clerk = new Http(this.urls.inventory, await testTokens.agent('bench-stock-clerk'));
    this.shopperApis = await Promise.all(
      Array.from({ length: this.opts.shoppers }, async (_, i) => {
        const id = `bench-shopper-${i + 1}`;
        const token = await testTokens.shopper(id);
        return { id, order: new Http(this.urls.order, token), cs: new Http(this.urls['customer-service'], token) };
      }),
    );
    // Shoppers take turns placing orders, so this share of shoppers is this share of orders.
    const withEmail = this.shopperApis.slice(0, Math.round(this.shopperApis.length * this.opts.emailShare));
    await runLimited(withEmail, 16, async ({ id }) => {
      const channels = new Http(this.urls.notification, await testTokens.shopper(id));
      const res = await channels.put(`/shoppers/${id}/channels`, { email: `${id}@bench.askfirst.test` }, '/shoppers/:id/channels');
      if (res.status !== 200) throw new Error(`PUT channels of ${id}: ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
    });
    const puts: [string, string, object][] = [];
    for (const store of this.stores) {
      for (let i = 0; i < this.opts.skusPerStore; i++) {
        puts.push([store, this.itemSku(i), { name: `Item ${i + 1}`, category: `aisle-${i % 8}`, unitPriceCents: 99 + ((i * 37) % 900), onHand: PLENTY }]);
      }
      puts.push([store, SCARCE.sku, { name: SCARCE.name, category: SCARCE.category, unitPriceCents: SCARCE.unitPriceCents, onHand: 0 }]);
      puts.push([store, SUBSTITUTE.sku, { name: SUBSTITUTE.name, category: SUBSTITUTE.category, unitPriceCents: SUBSTITUTE.unitPriceCents, onHand: PLENTY }]);
      const pool: string[] = [];
      for (let i = 0; i < fragilePerStore; i++) {
        const sku = this.nextFragileSku();
        pool.push(sku);
        puts.push([store, sku, { ...FRAGILE, onHand: 1 }]);
      }
      this.fragile.set(store, pool);
    }
    let done = 0;
    await runLimited(puts, 16, async ([store, sku, body]) => {
      const res = await this.clerk.put(`/stores/${store}/skus/${sku}`, body, '/stores/:storeId/skus/:sku');
      // 200: an existing entry with the same on-hand (a re-run against the running stack).
      if (res.status !== 201 && res.status !== 200) {
        // A re-run against the running stack: an item whose stock changed since. Restock it instead.
        if (res.status === 409 && (body as { onHand: number }).onHand === PLENTY) {
          await this.clerk.post(`/stores/${store}/skus/${sku}/restock`, { quantity: 100_000 }, '/stores/:storeId/skus/:sku/restock');
        } else throw new Error(`seeding ${store}/${sku}: ${res.status} ${JSON.stringify(res.body)}`);
      }
      onProgress?.(++done, puts.length);
    });
  }

  private nextFragileSku(): string {
    return `TART-${this.runTag}-${(++this.fragileSeq).toString(36).toUpperCase()}`;
  }

  private pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.random() * list.length)];
  }

  scenario(): Scenario {
    const weights = CHOICES.map((c) => this.opts.mix[c]);
    const total = weights.reduce((s, w) => s + w, 0);
    let r = this.random() * total;
    let choice: Choice = CHOICES[0];
    for (let i = 0; i < CHOICES.length; i++) {
      r -= weights[i];
      if (r < 0) {
        choice = CHOICES[i];
        break;
      }
    }
    if (this.random() >= this.opts.shortage) return { choice, shortage: null };
    return { choice, shortage: this.random() < this.opts.pickingShare ? 'PICKING' : 'RESERVATION' };
  }

  /** Starts one order's flow (not awaited); false when the generator is at its limit of open POSTs. */
  offer(phase: string, maxPosts = 256): boolean {
    if (this.postsOpen >= maxPosts) {
      this.counters.generatorBehind++;
      return false;
    }
    const flow = this.placeOne(phase).catch((error) => {
      this.counters.errors++;
      if (this.firstErrors.length < 10) this.firstErrors.push(String(error?.message ?? error));
    });
    this.flows.add(flow);
    void flow.finally(() => this.flows.delete(flow));
    return true;
  }

  async placeOne(phase: string): Promise<void> {
    const scenario = this.scenario();
    const shopper = this.shopperApis[this.shopperNext++ % this.shopperApis.length];
    const store = this.pick(this.stores);
    const lines: { sku: string; name: string; quantity: number; unitPriceCents: number }[] = [];
    const count = 1 + Math.floor(this.random() * 3);
    const used = new Set<number>();
    while (lines.length < count) {
      const i = Math.floor(this.random() * this.opts.skusPerStore);
      if (used.has(i)) continue;
      used.add(i);
      lines.push({ sku: this.itemSku(i), name: `Item ${i + 1}`, quantity: 1 + Math.floor(this.random() * 2), unitPriceCents: 99 + ((i * 37) % 900) });
    }
    let fragileSku: string | undefined;
    let orderId: string;
    this.postsOpen++;
    try {
      if (scenario.shortage === 'RESERVATION') lines.push({ sku: SCARCE.sku, name: SCARCE.name, quantity: 2, unitPriceCents: SCARCE.unitPriceCents });
      if (scenario.shortage === 'PICKING') {
        fragileSku = await this.fragileSku(store);
        lines.push({ sku: fragileSku, name: FRAGILE.name, quantity: 1, unitPriceCents: FRAGILE.unitPriceCents });
      }
      const sentAt = Date.now();
      const key = { 'idempotency-key': randomUUID() };
      let res = await shopper.order.post('/orders', { storeId: store, onShortage: policyFor(scenario), lines }, '/orders', key);
      // Load shed (503 + Retry-After, nothing written): wait as told and try again with the same
      // Idempotency-Key, as a shopper's app would.
      for (let attempt = 1; res.status === 503 && attempt <= MAX_SHED_RETRIES; attempt++) {
        this.counters.shed++;
        this.shedByPhase.set(phase, (this.shedByPhase.get(phase) ?? 0) + 1);
        await sleep(1000 * Number(res.headers['retry-after'] ?? 1));
        res = await shopper.order.post('/orders', { storeId: store, onShortage: policyFor(scenario), lines }, '/orders', key);
      }
      if (res.status !== 201) {
        this.counters.refused++;
        if (this.firstErrors.length < 10) this.firstErrors.push(`POST /orders ${res.status}: ${JSON.stringify(res.body).slice(0, 300)}`);
        return;
      }
      this.counters.placed++;
      orderId = res.body.id;
      this.tracker.register({ id: orderId, scenario, phase, shopperId: shopper.id, storeId: store, sentAt, acceptedAt: Date.now() });
    } finally {
      this.postsOpen--;
    }
    // The picker: every confirmed order is picked (--no-pick-all: only those with a picking shortage).
    if (scenario.shortage === 'RESERVATION' || (!this.opts.pickAll && scenario.shortage !== 'PICKING')) return;
    if (!(await this.tracker.confirmed(orderId, 120_000))) {
      this.counters.confirmTimeouts++;
      return;
    }
    const picking = await this.picker.post(`/orders/${orderId}/picking-started`, undefined, '/orders/:id/picking-started');
    if (picking.status !== 200) throw new Error(`picking-started ${picking.status}: ${JSON.stringify(picking.body).slice(0, 200)}`);
    this.counters.pickingStarted++;
    if (scenario.shortage !== 'PICKING') return;
    const missing = await this.clerk.post(`/stores/${store}/skus/${fragileSku}/adjustments`, { reason: 'MISSING', quantity: 1, orderId }, '/stores/:storeId/skus/:sku/adjustments');
    if (missing.status >= 300) throw new Error(`MISSING adjustment ${missing.status}: ${JSON.stringify(missing.body).slice(0, 200)}`);
    this.counters.missingReported++;
  }

  private async fragileSku(store: string): Promise<string> {
    const pooled = this.fragile.get(store)?.pop();
    if (pooled) return pooled;
    const sku = this.nextFragileSku();
    this.counters.fragileCreatedDuringRun++;
    const res = await this.clerk.put(`/stores/${store}/skus/${sku}`, { ...FRAGILE, onHand: 1 }, '/stores/:storeId/skus/:sku');
    if (res.status !== 201) throw new Error(`PUT tart ${sku}: ${res.status}`);
    return sku;
  }

  async drainFlows(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.flows.size && Date.now() < deadline) await Promise.race([Promise.allSettled([...this.flows]), sleep(200)]);
  }
}

export function policyFor(scenario: Scenario): Record<string, unknown> {
  switch (scenario.choice) {
    case 'CONTACT_ME':
      return { choice: 'CONTACT_ME', ifNoAnswerWithin: 120, thenFallback: 'REFUND_ITEM_SHIP_REST' };
    case 'SUBSTITUTE':
      return scenario.shortage === 'PICKING' ? { choice: 'SUBSTITUTE', substituteSku: SUBSTITUTE.sku } : { choice: 'SUBSTITUTE' };
    default:
      return { choice: scenario.choice };
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

export async function runLimited<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await work(items[next++]);
    }),
  );
}
