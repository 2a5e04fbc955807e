import { Consumer, EachBatchPayload, Kafka } from 'kafkajs';
import { randomBytes } from 'node:crypto';
import { ALL_TOPICS, physicalTopic } from '@askfirst/contracts';
import type { Choice } from './options';

export type Stage = 'RESERVATION' | 'PICKING';

export interface Scenario {
  choice: Choice;
  /** null: the order has no shortage (its onShortage choice is still set, as checkout requires). */
  shortage: Stage | null;
}

/**
 * What the benchmark knows about one order. Every time here is from the services' own records: the
 * envelope `time` of the events they committed (set inside the transaction that changed the state),
 * read back from Kafka — except sentAt/acceptedAt, the load generator's clock around POST /orders.
 */
export interface OrderRecord {
  id: string;
  scenario: Scenario;
  phase: string;
  shopperId: string;
  storeId: string;
  sentAt: number;
  acceptedAt: number;
  placedAt?: number;
  confirmedAt?: number;
  pickingAt?: number;
  shortageAt?: number;
  shortageStage?: Stage;
  /** First shopper-notified about the shortage's outcome (awaiting decision, refund, cancellation, substitute). */
  shortageNoticeAt?: number;
  shortageCaseAt?: number;
  cancelledAt?: number;
  substitutedAt?: number;
  refundsApproved: Set<string>;
  refundsRequested: Map<string, number>;
  settledAt?: number;
  asked?: boolean;
}

interface Seen {
  type: string;
  time: number;
  kts: number;
  data: any;
}

/** Notices that tell the shopper what their shortage became. */
const SHORTAGE_NOTICE_CAUSES = new Set([
  'order.awaiting-shopper-decision.v1',
  'order.line-refund-approved.v1',
  'order.cancelled.v1',
  'order.line-substituted.v1',
]);

export interface DelaySample {
  source: string;
  at: number;
  ms: number;
}

/**
 * Reads the four topics of the system under test with one kafkajs consumer and keeps, per order
 * the benchmark placed, the times of the facts that matter; decides when each order is settled.
 *
 * Settled (checked again from GET /orders/:id for a sample at the end):
 *   - no shortage: CONFIRMED (every line held);
 *   - REFUND_ITEM_SHIP_REST / CONTACT_ME (the agent chooses REFUND_ITEM_SHIP_REST): the shortage was
 *     reported, the order is CONFIRMED or PICKING, and every refund it approved is REQUESTED;
 *   - CANCEL_ORDER: CANCELLED and its refund REQUESTED;
 *   - SUBSTITUTE: the substitute is held (or the fallback refund is REQUESTED), order CONFIRMED or PICKING.
 * The settle time is the latest of the event times those conditions rest on.
 */
export class OrderTracker {
  readonly orders = new Map<string, OrderRecord>();
  readonly relayDelays: DelaySample[] = [];
  readonly handlerDelays: DelaySample[] = [];
  readonly settleListeners: ((o: OrderRecord) => void)[] = [];
  eventsSeen = 0;
  bytesSeen = 0;
  private consumer?: Consumer;
  private readonly early = new Map<string, { at: number; events: Seen[] }>();
  private readonly kafkaTimes = new Map<string, number>();
  private readonly confirmWaiters = new Map<string, () => void>();
  private unsettled = 0;
  private lastSweep = Date.now();
  private readonly groupId = `bench-recorder-${randomBytes(4).toString('hex')}`;

  constructor(private readonly kafka: Kafka, private readonly topicPrefix: string, private readonly fromBeginning: boolean) {}

  get unsettledCount(): number {
    return this.unsettled;
  }

  /** Orders placed in this phase that are not settled yet. */
  unsettledIn(phase: string): number {
    return this.unsettledByPhase.get(phase) ?? 0;
  }

  private readonly unsettledByPhase = new Map<string, number>();

  async start(): Promise<void> {
    const consumer = this.kafka.consumer({ groupId: this.groupId, allowAutoTopicCreation: false, maxWaitTimeInMs: 100, maxBytesPerPartition: 8 * 1024 * 1024 });
    this.consumer = consumer;
    let joined = false;
    consumer.on(consumer.events.GROUP_JOIN, () => (joined = true));
    await consumer.connect();
    await consumer.subscribe({ topics: ALL_TOPICS.map((t) => physicalTopic(t, this.topicPrefix)), fromBeginning: this.fromBeginning });
    await consumer.run({ partitionsConsumedConcurrently: 16, eachBatch: (p) => this.onBatch(p) });
    const deadline = Date.now() + 30_000;
    while (!joined && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    if (!joined) throw new Error('the event recorder did not join its consumer group in 30 s');
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect().catch(() => undefined);
    const admin = this.kafka.admin();
    await admin.connect().catch(() => undefined);
    await admin.deleteGroups([this.groupId]).catch(() => undefined);
    await admin.disconnect().catch(() => undefined);
  }

  register(order: Omit<OrderRecord, 'refundsApproved' | 'refundsRequested'>): OrderRecord {
    const record: OrderRecord = { ...order, refundsApproved: new Set(), refundsRequested: new Map() };
    this.orders.set(order.id, record);
    this.unsettled++;
    this.unsettledByPhase.set(order.phase, (this.unsettledByPhase.get(order.phase) ?? 0) + 1);
    const early = this.early.get(order.id);
    if (early) {
      this.early.delete(order.id);
      for (const seen of early.events) this.apply(record, seen);
    }
    return record;
  }

  /** Resolves when order.confirmed is seen (or after timeoutMs, with false). */
  confirmed(orderId: string, timeoutMs: number): Promise<boolean> {
    const record = this.orders.get(orderId);
    if (record?.confirmedAt) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.confirmWaiters.delete(orderId);
        resolve(false);
      }, timeoutMs);
      this.confirmWaiters.set(orderId, () => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }

  private async onBatch({ batch, resolveOffset, heartbeat }: EachBatchPayload): Promise<void> {
    for (const message of batch.messages) {
      resolveOffset(message.offset);
      if (!message.value) continue;
      let envelope: any;
      try {
        envelope = JSON.parse(message.value.toString('utf8'));
      } catch {
        continue;
      }
      this.eventsSeen++;
      this.bytesSeen += message.value.length;
      const kts = Number(message.timestamp);
      const time = Date.parse(envelope.time);
      const source: string = envelope.source;
      this.relayDelays.push({ source, at: kts, ms: kts - time });
      if (envelope.causationId) {
        const causeKts = this.kafkaTimes.get(envelope.causationId);
        if (causeKts !== undefined) this.handlerDelays.push({ source, at: time, ms: time - causeKts });
      }
      if (this.kafkaTimes.size < 2_000_000) this.kafkaTimes.set(envelope.id, kts);
      const seen: Seen = { type: envelope.type, time, kts, data: envelope.data ?? {} };
      const record = this.orders.get(envelope.subject);
      if (record) this.apply(record, seen);
      else if (typeof envelope.subject === 'string' && /^[0-9a-f-]{36}$/.test(envelope.subject)) {
        // The event can arrive before POST /orders has answered with the id: keep it for a while.
        const early = this.early.get(envelope.subject) ?? { at: Date.now(), events: [] };
        early.events.push(seen);
        this.early.set(envelope.subject, early);
      }
    }
    if (Date.now() - this.lastSweep > 10_000) this.sweepEarly();
    await heartbeat();
  }

  private sweepEarly(): void {
    this.lastSweep = Date.now();
    for (const [id, e] of this.early) if (Date.now() - e.at > 60_000) this.early.delete(id);
  }

  private apply(o: OrderRecord, e: Seen): void {
    const d = e.data;
    switch (e.type) {
      case 'order.placed.v1':
        o.placedAt = e.time;
        break;
      case 'order.confirmed.v1':
        o.confirmedAt ??= e.time;
        this.confirmWaiters.get(o.id)?.();
        this.confirmWaiters.delete(o.id);
        break;
      case 'order.picking-started.v1':
        o.pickingAt ??= e.time;
        break;
      case 'inventory.shortage-detected.v1':
        if (o.shortageAt === undefined) {
          o.shortageAt = e.time;
          o.shortageStage = d.stage;
        }
        break;
      case 'notification.shopper-notified.v1':
        if (SHORTAGE_NOTICE_CAUSES.has(d.causeType) && o.shortageAt !== undefined && o.shortageNoticeAt === undefined) o.shortageNoticeAt = e.time;
        break;
      case 'customer-service.case-opened.v1':
        if (d.caseType === 'SHORTAGE_CONTACT') o.shortageCaseAt ??= e.time;
        break;
      case 'order.line-refund-approved.v1':
        o.refundsApproved.add(d.refundId);
        break;
      case 'order.cancelled.v1':
        o.cancelledAt ??= e.time;
        if (d.refundId) o.refundsApproved.add(d.refundId);
        break;
      case 'order.refund-requested.v1':
        o.refundsRequested.set(d.refundId, e.time);
        break;
      case 'order.line-substituted.v1':
        o.substitutedAt ??= e.time;
        break;
      default:
        return;
    }
    if (o.settledAt === undefined) {
      const at = settleTime(o);
      if (at !== undefined) {
        o.settledAt = at;
        this.unsettled--;
        this.unsettledByPhase.set(o.phase, (this.unsettledByPhase.get(o.phase) ?? 1) - 1);
        for (const listener of this.settleListeners) listener(o);
      }
    }
  }
}

/** The settle time if the order is settled by its scenario's rule, else undefined. */
export function settleTime(o: OrderRecord): number | undefined {
  const { choice, shortage } = o.scenario;
  const going = o.confirmedAt ?? o.pickingAt;
  if (!shortage) return o.confirmedAt;
  if (o.shortageAt === undefined) return undefined;
  const refundsDone = () => {
    if (!o.refundsApproved.size) return undefined;
    let last = 0;
    for (const id of o.refundsApproved) {
      const at = o.refundsRequested.get(id);
      if (at === undefined) return undefined;
      last = Math.max(last, at);
    }
    return last;
  };
  switch (choice) {
    case 'CANCEL_ORDER': {
      const refunded = refundsDone();
      return o.cancelledAt !== undefined && refunded !== undefined ? Math.max(o.cancelledAt, refunded, o.shortageAt) : undefined;
    }
    case 'SUBSTITUTE': {
      if (going === undefined) return undefined;
      if (o.substitutedAt !== undefined) return Math.max(o.substitutedAt, going, o.shortageAt);
      const refunded = refundsDone();
      return refunded !== undefined ? Math.max(refunded, going, o.shortageAt) : undefined;
    }
    case 'REFUND_ITEM_SHIP_REST':
    case 'CONTACT_ME': {
      const refunded = refundsDone();
      return refunded !== undefined && going !== undefined ? Math.max(refunded, going, o.shortageAt) : undefined;
    }
  }
}

/**
 * The generic rule, applied to GET /orders/:id: terminal, or CONFIRMED/PICKING with no line waiting
 * or short and every refund REQUESTED; an order that was to hit a shortage must show a decision.
 */
export function settledByApi(order: any, scenario: Scenario): { settled: boolean; why?: string } {
  if (!order || typeof order !== 'object') return { settled: false, why: 'no order' };
  const refundsOk = (order.refunds ?? []).every((r: any) => r.status === 'REQUESTED');
  if (!refundsOk) return { settled: false, why: `refund not requested (${order.refunds.map((r: any) => r.status).join(',')})` };
  if (scenario.shortage && !(order.decisions ?? []).length) return { settled: false, why: `no decision yet (state ${order.state})` };
  if (order.state === 'CANCELLED' || order.state === 'DELIVERED') return { settled: true };
  if (!['CONFIRMED', 'PICKING', 'READY', 'DISPATCHED'].includes(order.state)) return { settled: false, why: `state ${order.state}` };
  if ((order.waitingLineIds ?? []).length) return { settled: false, why: 'a line waits for a decision' };
  const open = (order.lines ?? []).find((l: any) => l.shortQuantity > 0 || l.state === 'SHORT' || l.state === 'REFUND_PENDING_NOTICE' || l.state === 'PARTIAL_REFUND_PENDING_NOTICE');
  if (open) return { settled: false, why: `line ${open.sku} ${open.state} short ${open.shortQuantity}` };
  return { settled: true };
}
