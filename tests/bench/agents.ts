import { testTokens } from '@askfirst/testing';
import { Http } from './http';
import { OrderTracker } from './tracker';
import { sleep } from './workload';

export interface AgentStats {
  queuePolls: number;
  claimed: number;
  claimConflicts: number;
  decided: number;
  resolved: number;
  errors: number;
  /** Cases first seen in GET /queue by an agent, keyed by case id → client time. */
  firstSeen: Map<string, { orderId: string; at: number; type: string }>;
}

/**
 * Agents working the customer-service queue through its API: GET /queue, take an OPEN case of one
 * of the benchmark's orders, POST /cases/:id/claim, and for a shortage case record the shopper's
 * answer POST /cases/:id/decision {REFUND_ITEM_SHIP_REST}; then POST /cases/:id/resolve (also for
 * "ask for a human" cases), so the queue stays short. Agent i takes the cases whose id hashes to i,
 * so agents never race for the same case.
 */
export class Agents {
  readonly stats: AgentStats = { queuePolls: 0, claimed: 0, claimConflicts: 0, decided: 0, resolved: 0, errors: 0, firstSeen: new Map() };
  readonly firstErrors: string[] = [];
  private running = false;
  private loops: Promise<void>[] = [];
  private readonly taken = new Set<string>();

  constructor(private readonly url: string, private readonly tracker: OrderTracker, private readonly count: number, private readonly thinkMs: number) {}

  async start(): Promise<void> {
    this.running = true;
    for (let i = 0; i < this.count; i++) {
      const api = new Http(this.url, await testTokens.agent(`bench-agent-${i + 1}`));
      this.loops.push(this.loop(i, api));
    }
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.allSettled(this.loops);
  }

  private async loop(index: number, api: Http): Promise<void> {
    while (this.running) {
      try {
        const queue = await api.get<any[]>('/queue', '/queue');
        this.stats.queuePolls++;
        const now = Date.now();
        const cases = Array.isArray(queue.body) ? queue.body : [];
        for (const c of cases) {
          if (!this.stats.firstSeen.has(c.id) && this.tracker.orders.has(c.orderId)) this.stats.firstSeen.set(c.id, { orderId: c.orderId, at: now, type: c.type });
        }
        const mine = cases.filter((c) => c.status === 'OPEN' && !this.taken.has(c.id) && this.tracker.orders.has(c.orderId) && hash(c.id) % this.count === index).slice(0, 20);
        if (!mine.length) {
          // An agent console refreshes about twice a second; polling harder only loads customer-service.
          await sleep(500);
          continue;
        }
        for (const c of mine) {
          if (!this.running) break;
          this.taken.add(c.id);
          await this.work(api, c);
        }
      } catch (error) {
        this.note(error);
        await sleep(200);
      }
    }
  }

  private async work(api: Http, c: any): Promise<void> {
    if (this.thinkMs) await sleep(this.thinkMs);
    const claim = await api.post(`/cases/${c.id}/claim`, undefined, '/cases/:id/claim');
    if (claim.status === 409) {
      this.stats.claimConflicts++;
      return;
    }
    if (claim.status !== 200) return this.note(`claim ${claim.status} ${JSON.stringify(claim.body).slice(0, 200)}`);
    this.stats.claimed++;
    if (c.type === 'SHORTAGE_CONTACT') {
      const decision = await api.post(`/cases/${c.id}/decision`, { resolution: 'REFUND_ITEM_SHIP_REST', note: 'benchmark: shopper wants the rest shipped' }, '/cases/:id/decision');
      if (decision.status !== 201) return this.note(`decision ${decision.status} ${JSON.stringify(decision.body).slice(0, 200)}`);
      this.stats.decided++;
    }
    const resolved = await api.post(`/cases/${c.id}/resolve`, { summary: 'benchmark agent' }, '/cases/:id/resolve');
    if (resolved.status !== 200) return this.note(`resolve ${resolved.status} ${JSON.stringify(resolved.body).slice(0, 200)}`);
    this.stats.resolved++;
  }

  private note(error: unknown): void {
    this.stats.errors++;
    if (this.firstErrors.length < 10) this.firstErrors.push(String((error as Error)?.message ?? error));
  }
}

function hash(id: string): number {
  let h = 0;
  for (let i = 0; i < id.length; i++) h = (h * 31 + id.charCodeAt(i)) >>> 0;
  return h;
}

export interface AskSample {
  orderId: string;
  sentAt: number;
  answeredAt: number;
  status: number;
  caseId?: string;
  /** The GET /queue issued right after the answer listed the case (or an agent already had it). */
  visible?: boolean;
}

/**
 * Shoppers asking for a human (I5): POST /cases {orderId} with the shopper's own token about one of
 * their settled orders, at a steady rate. The case is committed before the 201, so the answer time
 * is when it is in the queue; a staff GET /queue right after checks that it is listed.
 */
export class AskForHumanProbe {
  readonly samples: AskSample[] = [];
  private timer?: NodeJS.Timeout;
  private readonly inFlight = new Set<Promise<void>>();
  private staff?: Http;

  constructor(
    private readonly url: string,
    private readonly tracker: OrderTracker,
    private readonly shopperApi: (shopperId: string) => Http | undefined,
    private readonly perSecond: number,
  ) {}

  async start(): Promise<void> {
    if (this.perSecond <= 0) return;
    this.staff = new Http(this.url, await testTokens.supervisor('bench-probe-supervisor'));
    this.timer = setInterval(() => this.fire(), 1000 / this.perSecond);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await Promise.allSettled([...this.inFlight]);
  }

  private fire(): void {
    if (this.inFlight.size >= 5) return;
    const candidate = this.candidate();
    if (!candidate) return;
    candidate.asked = true;
    const api = this.shopperApi(candidate.shopperId);
    if (!api) return;
    const run = (async () => {
      const sentAt = Date.now();
      const res = await api.post('/cases', { orderId: candidate.id, message: 'Benchmark: where is my order?' }, '/cases');
      const sample: AskSample = { orderId: candidate.id, sentAt, answeredAt: Date.now(), status: res.status, caseId: res.body?.id };
      this.samples.push(sample);
      if (res.status === 201 && this.staff) {
        const queue = await this.staff.get<any[]>('/queue', '/queue');
        sample.visible = Array.isArray(queue.body) && queue.body.some((c) => c.id === sample.caseId);
        if (!sample.visible) {
          const view = await this.staff.get(`/cases/${sample.caseId}`, '/cases/:id');
          sample.visible = view.status === 200 && view.body?.case?.status !== undefined && view.body.case.status !== 'OPEN';
        }
      }
    })().catch(() => undefined);
    this.inFlight.add(run);
    void run.finally(() => this.inFlight.delete(run));
  }

  private recent: string[] = [];

  private candidate() {
    // The most recently settled orders: their shopper has a reason to ask, customer-service knows them.
    while (this.recent.length) {
      const id = this.recent.pop()!;
      const o = this.tracker.orders.get(id);
      if (o && !o.asked) return o;
    }
    return undefined;
  }

  noteSettled(orderId: string): void {
    this.recent.push(orderId);
    if (this.recent.length > 200) this.recent.splice(0, this.recent.length - 200);
  }
}
