import { randomBytes } from 'node:crypto';
import { mintToken, DEV_JWT_SECRET, type Role } from '@askfirst/platform';
import { type ServiceName, testTokens, waitFor } from '@askfirst/testing';
import { CakeStory, CAKE, SNACKS, STORE } from '../../e2e/support/cake-story';
import { snapshotDatabase } from '../../e2e/support/database-snapshot';
import { ApiClient } from '../../e2e/support/http-client';
import { ALL_SERVICES, SystemUnderTest } from '../../e2e/support/system-under-test';

export { CAKE, SNACKS, STORE };

/**
 * Tables that change on their own, with no request: none today. The snapshot helpers take every
 * table of every service; a table that must be excluded (a scheduler heartbeat, say) goes here
 * with the reason, never silently.
 */
export const TABLES_THAT_CHANGE_ON_THEIR_OWN: Partial<Record<ServiceName, string[]>> = {};

/** What shopper A owns once the system is seeded: the objects every security test aims at. */
export interface SeededShopper {
  shopperId: string;
  /** CONTACT_ME order waiting for the shopper's decision (a decision would change it). */
  waitingOrderId: string;
  waitingLineIds: string[];
  /** A confirmed order (cancel or fulfilment would change it). */
  confirmedOrderId: string;
  /** SHORTAGE_CONTACT case opened from the waiting order; SHOPPER_ASKED_FOR_HUMAN case asked by A. */
  shortageCaseId: string;
  askedCaseId: string;
  /** A's notice carrying the decision link, and the link's token. */
  decisionNoticeId: string;
  decisionToken: string;
}

/**
 * The four services on their own databases and topics, with shopper A's orders, cases, notices and
 * decision link in place: the targets of the bad-input and object-level suites.
 */
export class SecuritySystem {
  readonly system: SystemUnderTest;
  story!: CakeStory;
  a!: SeededShopper;

  constructor(label: string, env: Record<string, string> = {}) {
    this.system = new SystemUnderTest({
      label,
      env: {
        // Nothing may move on its own while a test compares database fingerprints: SLA clocks and
        // decision windows far away; shoppers reached through the in-app inbox only (no SMTP retries).
        SLA_SHORTAGE_CONTACT_SECONDS: '86400',
        SLA_SHOPPER_ASKED_FOR_HUMAN_SECONDS: '86400',
        SLA_UNREACHABLE_SHOPPER_SECONDS: '86400',
        SLA_ESCALATION_SECONDS: '86400',
        ...env,
      },
    });
  }

  url(name: ServiceName): string {
    return this.system.url(name);
  }

  async start(): Promise<this> {
    try {
      await this.system.start();
    } catch (error) {
      // On a busy machine (2 cores shared with other suites) a cold start can pass the 60 s that
      // ServiceProcess waits; the processes keep starting, so give them longer before giving up.
      if (!/not ready after/.test(String(error))) throw error;
      for (const name of ALL_SERVICES) await this.system.service(name).waitReady(240_000);
    }
    this.story = new CakeStory({
      order: this.url('order'),
      inventory: this.url('inventory'),
      notification: this.url('notification'),
      customerService: this.url('customer-service'),
    });
    await this.story.stockTheStore();
    this.a = await this.seedShopper('shopper-a');
    await this.settle();
    return this;
  }

  async stop(): Promise<void> {
    await this.system.stop();
  }

  /** A token for a role; shoppers act as `shopperId`. Each call gets its own subject, so per-subject rate limits never mask what is tested. */
  token(role: Role, shopperId?: string): Promise<string> {
    const sub = `${role}-${randomBytes(4).toString('hex')}`;
    if (role === 'shopper') return mintToken({ sub, role, shopperId: shopperId ?? sub }, process.env.JWT_SECRET ?? DEV_JWT_SECRET, '1h');
    return mintToken({ sub, role, ...(role === 'agent' || role === 'supervisor' ? { agentId: sub } : {}) }, process.env.JWT_SECRET ?? DEV_JWT_SECRET, '1h');
  }

  client(name: ServiceName, token: string): ApiClient {
    return new ApiClient(this.url(name), token);
  }

  /** Places a CONTACT_ME order that waits (the cake is out of stock) and a confirmed one; asks for a human. */
  async seedShopper(label: string): Promise<SeededShopper> {
    const shopperId = this.story.newShopperId(label);
    const token = await testTokens.shopper(shopperId);
    const orders = new ApiClient(this.url('order'), token);
    const notices = new ApiClient(this.url('notification'), token);
    const cases = new ApiClient(this.url('customer-service'), token);
    // Inbox only: nothing is retried against a mail server while fingerprints are compared.
    const channels = await notices.put(`/shoppers/${shopperId}/channels`, {});
    if (channels.status !== 200) throw new Error(`channels: ${channels.status} ${JSON.stringify(channels.body)}`);

    const line = (item: typeof CAKE, quantity: number) => ({ sku: item.sku, name: item.name, quantity, unitPriceCents: item.unitPriceCents });
    const waiting = await orders.post('/orders', {
      storeId: STORE,
      onShortage: { choice: 'CONTACT_ME', ifNoAnswerWithin: 1440, thenFallback: 'KEEP_HOLDING' },
      lines: [line(CAKE, 1), line(SNACKS, 1)],
    });
    if (waiting.status !== 201) throw new Error(`waiting order: ${waiting.status} ${JSON.stringify(waiting.body)}`);
    const confirmed = await orders.post('/orders', { storeId: STORE, onShortage: { choice: 'REFUND_ITEM_SHIP_REST' }, lines: [line(SNACKS, 2)] });
    if (confirmed.status !== 201) throw new Error(`confirmed order: ${confirmed.status} ${JSON.stringify(confirmed.body)}`);

    const waitingOrder = await this.story.waitForOrder(orders, waiting.body.id, (o) => o.state === 'AWAITING_SHOPPER_DECISION', 'order awaiting the shopper');
    await this.story.waitForOrder(orders, confirmed.body.id, (o) => o.state === 'CONFIRMED', 'order confirmed');

    const decisionNotice = await waitFor(async () => {
      const res = await notices.get(`/shoppers/${shopperId}/notices`);
      return res.status === 200 && (res.body.items as any[]).find((n) => n.orderId === waiting.body.id && n.action?.url);
    }, { what: 'the decision-link notice', timeoutMs: 20_000 });
    const staff = new ApiClient(this.url('customer-service'), await testTokens.agent('seed-agent'));
    const shortageCase = await waitFor(async () => {
      const res = await staff.get('/queue');
      return res.status === 200 && (res.body as any[]).find((c) => c.orderId === waiting.body.id && c.type === 'SHORTAGE_CONTACT');
    }, { what: 'the shortage case', timeoutMs: 20_000 });
    const asked = await waitFor(async () => {
      const res = await cases.post('/cases', { orderId: confirmed.body.id, message: 'Where are my chips?' });
      return res.status < 300 && res;
    }, { what: 'the ask-for-human case', timeoutMs: 20_000 });

    return {
      shopperId,
      waitingOrderId: waiting.body.id,
      waitingLineIds: waitingOrder.waitingLineIds ?? [],
      confirmedOrderId: confirmed.body.id,
      shortageCaseId: shortageCase.id,
      askedCaseId: asked.body.id,
      decisionNoticeId: decisionNotice.id,
      decisionToken: new URL(decisionNotice.action.url).pathname.split('/').pop()!,
    };
  }

  /** Fingerprints of every service database (minus the tables listed above). */
  async snapshot(): Promise<Record<string, Record<string, string>>> {
    const out: Record<string, Record<string, string>> = {};
    for (const name of ALL_SERVICES) {
      out[name] = await snapshotDatabase(this.system.databaseUrls.get(name)!, TABLES_THAT_CHANGE_ON_THEIR_OWN[name] ?? []);
    }
    return out;
  }

  /** Waits until background work (outbox relays, consumers, dispatchers) has stopped changing any table. */
  async settle(quietMs = 3_000, timeoutMs = 60_000): Promise<Record<string, Record<string, string>>> {
    const deadline = Date.now() + timeoutMs;
    let last = await this.snapshot();
    let quietSince = Date.now();
    for (;;) {
      await new Promise((r) => setTimeout(r, 250));
      const now = await this.snapshot();
      if (JSON.stringify(now) !== JSON.stringify(last)) {
        last = now;
        quietSince = Date.now();
      } else if (Date.now() - quietSince >= quietMs) {
        return now;
      }
      if (Date.now() > deadline) throw new Error(`databases still changing after ${timeoutMs} ms: ${describeChanges(last, now)}`);
    }
  }
}

/** "order.orders, notification.notices" — which tables differ between two snapshots. */
export function describeChanges(before: Record<string, Record<string, string>>, after: Record<string, Record<string, string>>): string {
  const changed: string[] = [];
  for (const service of new Set([...Object.keys(before), ...Object.keys(after)])) {
    for (const table of new Set([...Object.keys(before[service] ?? {}), ...Object.keys(after[service] ?? {})])) {
      if (before[service]?.[table] !== after[service]?.[table]) changed.push(`${service}.${table}`);
    }
  }
  return changed.join(', ') || 'nothing';
}
