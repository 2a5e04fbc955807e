import { Consumer, ConsumerRunConfig, EachBatchPayload, Kafka, KafkaMessage } from 'kafkajs';
import { DataSource } from 'typeorm';
import { ContractViolation, decodeEvent, DecodedEvent, EventEnvelope, physicalTopic, TopicName } from '@askfirst/contracts';
import { deferStatement, failedInDeferredStatement, inSpanFromHeaders, isTransientInfrastructureError, RequestContext, SpanKind } from '@askfirst/platform';
import { UnprocessableEventError } from '../errors';
import { EventContext } from '../event-context';
import { eventLogFields, MessagingLogger, silentLogger } from '../logger';
import { OutboxTransaction, runAfterCommit, TransactionalOutbox } from '../outbox/transactional-outbox';
import { DeadLetterPublisher } from './dead-letter-publisher';
import { backoffDelay, DEFAULT_RETRY_POLICY, RetryPolicy } from './retry-policy';


export type EventHandlerFn = (envelope: EventEnvelope<any>, tx: OutboxTransaction) => Promise<void>;

export const GROUP_FALLBACK_REASONS = ['lock-conflict', 'handler-failed', 'unattributed'] as const;
export type GroupFallbackReason = (typeof GROUP_FALLBACK_REASONS)[number];

export interface EventConsumerOptions {
  /** Inbox key and consumer group base name, e.g. `inventory.order-events`. */
  name: string;
  topics: readonly TopicName[];
  /** Handlers by event type; types not listed are skipped, unknown types are dead letters. */
  handlers: ReadonlyMap<string, EventHandlerFn>;
  topicPrefix?: string;
  retry?: RetryPolicy;
  /** Messages of different orders in one batch run in parallel up to this many; one order's stay in sequence. */
  concurrency?: number;
  logger?: MessagingLogger;
  sessionTimeoutMs?: number;
  onProcessed?: (outcome: 'handled' | 'duplicate' | 'skipped' | 'dead-lettered', type: string) => void;
  /**
   * Commit several messages of a busy batch in one transaction; off: one transaction per message.
   * Two groups can want the same rows in opposite orders (stock rows shared by orders, or one
   * order's events on two topics): a group waits at most GROUP_LOCK_TIMEOUT for a lock, then its
   * messages go one by one, each in the lock order its handler keeps.
   */
  groupCommit?: boolean;
  /** After each committed transaction, with the number of messages it took (metrics). */
  onCommitted?: (messages: number) => void;
  /**
   * A group transaction rolled back and its messages go again (metrics): `lock-conflict` (it waited
   * too long for a lock another group held: all alone, no attempt counted), `handler-failed` (one
   * handler failed: that message alone, the rest in groups) or `unattributed` (a deferred statement
   * or the commit failed: all alone).
   */
  onGroupFallback?: (reason: GroupFallbackReason) => void;
  /** After each offset commit sent to Kafka, with the partitions it covered and when it was sent (ms). */
  onOffsetsCommitted?: (partitions: number, sentAt: number) => void;
  /** Tests start from the beginning of a fresh topic. */
  fromBeginning?: boolean;
  /**
   * While busy, fetches start at least this far apart (the consumer's counterpart of the relay's
   * linger): what arrives meanwhile comes in one wider batch. A fetch that waited at the broker
   * through a quiet spell is followed by the next at once. 0: fetch again as soon as a batch is done.
   */
  fetchLingerMs?: number;
}

type Outcome = 'handled' | 'duplicate' | 'skipped' | 'dead-lettered';

/** The `type` of a dead letter that could not be decoded (a label of the dead-letter metric). */
export const UNDECODABLE_TYPE = 'unknown';
type GroupItem = { message: KafkaMessage; envelope: EventEnvelope; handler: EventHandlerFn };

/** Below this many keys in a batch, one transaction takes them all. */
const MIN_CHAINS_PER_GROUP = 4;
/** A group waits this long for a row lock before it falls back to one message per transaction. */
const GROUP_LOCK_TIMEOUT = '100ms';
/** At most this many messages per transaction. */
const MAX_GROUP_MESSAGES = 100;
/**
 * Offsets are committed at most this often (and this long after the last batch at the latest):
 * kafkajs would send an offset commit after every batch. A restart or rebalance redelivers what was
 * processed since, which the inbox drops.
 */
export const OFFSET_COMMIT_INTERVAL_MS = 250;
/** Offsets whose commit failed this many times in a row are left to redelivery (and the inbox). */
const MAX_FAILED_COMMITS = 5;

/** How long to wait before the next fetch: until `lingerMs` after the last one started, never longer. */
export function lingerBeforeNextFetch(fetchStartedAt: number, now: number, lingerMs: number): number {
  return Math.max(0, Math.min(lingerMs, fetchStartedAt + lingerMs - now));
}

/** kafkajs's shape for committing offsets of several partitions. */
function byTopic(offsets: { topic: string; partition: number; offset: string }[]) {
  const topics = new Map<string, { partition: number; offset: string }[]>();
  for (const { topic, partition, offset } of offsets) topics.set(topic, [...(topics.get(topic) ?? []), { partition, offset }]);
  return [...topics].map(([topic, partitions]) => ({ topic, partitions }));
}

/**
 * Runs one Kafka consumer group: decode and validate, drop duplicates through the inbox in the
 * handler's own transaction, retry with backoff, then dead-letter. A poison message never blocks
 * its partition and never crashes the service; a crashed consumer is rebuilt.
 */
export class EventConsumer {
  private consumer?: Consumer;
  private stopping = false;
  private restartTimer?: NodeJS.Timeout;
  /** Processed but not yet committed, per topic and partition: the next offset to read. */
  private readonly uncommitted = new Map<string, { topic: string; partition: number; offset: string }>();
  private lastCommitAt = 0;
  private failedCommits = 0;
  private commitTimer?: NodeJS.Timeout;
  /** When kafkajs last sent a fetch (the fetch linger counts from it). */
  private fetchStartedAt = 0;
  private readonly retry: RetryPolicy;
  private readonly logger: MessagingLogger;
  private readonly dlq: DeadLetterPublisher;

  constructor(
    private readonly kafka: Kafka,
    private readonly dataSource: DataSource,
    private readonly outbox: TransactionalOutbox,
    dlq: DeadLetterPublisher,
    private readonly options: EventConsumerOptions,
  ) {
    this.retry = options.retry ?? DEFAULT_RETRY_POLICY;
    this.logger = options.logger ?? silentLogger;
    this.dlq = dlq;
  }

  get groupId(): string {
    return physicalTopic(this.options.name, this.options.topicPrefix);
  }

  async start(): Promise<void> {
    this.stopping = false;
    const consumer = this.kafka.consumer({
      groupId: this.groupId,
      sessionTimeout: this.options.sessionTimeoutMs ?? 30_000,
      heartbeatInterval: 3_000,
      maxBytesPerPartition: 6 * 1024 * 1024,
      // A long-poll shorter than kafkajs's 5 s default: disconnect (shutdown, rebalance) waits for it.
      maxWaitTimeInMs: 1_000,
      allowAutoTopicCreation: false,
    });
    this.consumer = consumer;
    consumer.on(consumer.events.FETCH_START, () => {
      this.fetchStartedAt = Date.now();
    });
    consumer.on(consumer.events.CRASH, (event) => {
      if (this.stopping || event.payload.restart) return;
      this.logger.error('consumer crashed; rebuilding it', { consumer: this.options.name, error: String(event.payload.error) });
      this.scheduleRestart();
    });
    await consumer.connect();
    await consumer.subscribe({
      topics: this.options.topics.map((t) => physicalTopic(t, this.options.topicPrefix)),
      fromBeginning: this.options.fromBeginning ?? true,
    });
    await consumer.run(this.runConfig());
  }

  private runConfig(): ConsumerRunConfig {
    return {
      // Committed by commitProcessed(), at most every OFFSET_COMMIT_INTERVAL_MS.
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: 3,
      eachBatch: (payload) => this.processBatch(payload),
    };
  }

  /** Graceful: finish in-flight messages, commit their offsets, leave the group. */
  async stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.restartTimer);
    await this.commitProcessed();
    await this.consumer?.disconnect().catch((error) => this.logger.warn('consumer disconnect failed', { error: String(error) }));
    this.consumer = undefined;
  }

  private scheduleRestart(delayMs = 1_000): void {
    clearTimeout(this.restartTimer);
    this.restartTimer = setTimeout(async () => {
      try {
        await this.restart();
        this.logger.info('consumer restarted', { consumer: this.options.name });
      } catch (error) {
        this.logger.error('consumer restart failed; retrying', { error: String(error) });
        this.scheduleRestart(Math.min(delayMs * 2, 30_000));
      }
    }, delayMs);
  }

  /**
   * The crashed kafkajs consumer again, not a new one: kafkajs has stopped and disconnected it, and
   * connect + run start it with the same cluster object, so it rejoins its group with the member id
   * it last held (ADR 0022) instead of a new member waiting out the old id's session. A new
   * consumer only if that fails.
   */
  private async restart(): Promise<void> {
    const crashed = this.consumer;
    if (crashed) {
      try {
        await crashed.connect();
        await crashed.run(this.runConfig());
        return;
      } catch (error) {
        this.logger.warn('the crashed consumer did not start again; building a new one', { consumer: this.options.name, error: String(error) });
        await crashed.disconnect().catch(() => undefined);
      }
    }
    await this.start();
  }

  /** Commits what was processed; a failed commit is tried again shortly, a few times. */
  private async commitProcessed(fromBatch?: EachBatchPayload['commitOffsetsIfNecessary']): Promise<void> {
    clearTimeout(this.commitTimer);
    this.commitTimer = undefined;
    const offsets = [...this.uncommitted.values()];
    if (!offsets.length || !this.consumer) return;
    this.uncommitted.clear();
    const sentAt = (this.lastCommitAt = Date.now());
    try {
      // From inside a batch, through the batch's own commit: it still works while the consumer is
      // stopping, which consumer.commitOffsets() silently skips (kafkajs checks that it is running).
      if (fromBatch) await fromBatch({ topics: byTopic(offsets) });
      else await this.consumer.commitOffsets(offsets);
      this.options.onOffsetsCommitted?.(offsets.length, sentAt);
      this.failedCommits = 0;
    } catch (error) {
      // A rebalance or a coordinator moving: try again shortly (a newer offset of the same partition,
      // processed meanwhile, wins). After a few failures in a row, leave them to redelivery and the inbox.
      this.failedCommits += 1;
      this.logger.warn('offset commit failed', { consumer: this.options.name, error: String(error), failures: this.failedCommits });
      if (this.stopping || this.failedCommits > MAX_FAILED_COMMITS) return;
      for (const o of offsets) if (!this.uncommitted.has(`${o.topic}:${o.partition}`)) this.uncommitted.set(`${o.topic}:${o.partition}`, o);
      this.commitTimer ??= setTimeout(() => void this.commitProcessed(), OFFSET_COMMIT_INTERVAL_MS);
    }
  }

  /** After a batch: commit now if the last commit is old enough (or the consumer is stopping), else soon. */
  private async processed(topic: string, partition: number, lastOffset: string, commit: EachBatchPayload['commitOffsetsIfNecessary']): Promise<void> {
    this.uncommitted.set(`${topic}:${partition}`, { topic, partition, offset: (BigInt(lastOffset) + 1n).toString() });
    const wait = this.lastCommitAt + OFFSET_COMMIT_INTERVAL_MS - Date.now();
    if (wait <= 0 || this.stopping) {
      await this.commitProcessed(commit);
      return;
    }
    this.commitTimer ??= setTimeout(() => void this.commitProcessed(), wait);
  }

  private async processBatch({ batch, resolveOffset, heartbeat, commitOffsetsIfNecessary, isRunning, isStale }: EachBatchPayload) {
    // Keep the session alive while slow handlers or retries run.
    const beat = setInterval(() => void heartbeat().catch(() => undefined), 2_000);
    try {
      const byKey = new Map<string, KafkaMessage[]>();
      for (const message of batch.messages) {
        const key = message.key?.toString() ?? `partition-${batch.partition}`;
        const list = byKey.get(key) ?? [];
        list.push(message);
        byKey.set(key, list);
      }
      const chains = [...byKey.values()];
      if (!isRunning() || isStale()) return;
      // Chains (one key's messages, in order) are dealt into groups; each group is one database
      // transaction, and groups run in parallel up to the concurrency limit. A quiet topic gives
      // one small group; a busy one commits many events per transaction.
      const perGroup = this.options.groupCommit ? MIN_CHAINS_PER_GROUP : 1;
      const groupCount = Math.max(1, Math.min(this.options.concurrency ?? 8, Math.ceil(chains.length / perGroup)));
      const groups: KafkaMessage[][] = Array.from({ length: Math.min(groupCount, chains.length) }, () => []);
      chains.forEach((chain, i) => groups[i % groups.length].push(...chain));
      const settled = await Promise.allSettled(groups.map(async (group) => {
        // A long group (a replay from offset 0) commits every MAX_GROUP_MESSAGES, in order.
        for (let i = 0; i < group.length; i += MAX_GROUP_MESSAGES) await this.processGroup(batch.topic, batch.partition, group.slice(i, i + MAX_GROUP_MESSAGES));
      }));
      // A failure is passed on once every group has finished: none is left writing behind a stop.
      const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failed) throw failed.reason;
      resolveOffset(batch.lastOffset());
      await this.processed(batch.topic, batch.partition, batch.lastOffset(), commitOffsetsIfNecessary);
      // kafkajs fetches again once the fetch's batches are done: waiting here delays only that fetch.
      const linger = lingerBeforeNextFetch(this.fetchStartedAt, Date.now(), this.options.fetchLingerMs ?? 0);
      if (linger > 0 && !this.stopping) await new Promise((resolve) => setTimeout(resolve, linger));
    } finally {
      clearInterval(beat);
    }
  }

  /**
   * Handles a group of messages in one transaction: one inbox insert for all, the handlers in order,
   * one outbox insert, one commit. If anything in it fails — a bad message, a lock conflict, the
   * database — the transaction rolls back and every message goes through processMessage alone,
   * with its own retries and dead letter, so one message never decides another's fate.
   */
  private async processGroup(topic: string, partition: number, messages: KafkaMessage[]): Promise<void> {
    const work: GroupItem[] = [];
    const alone: KafkaMessage[] = [];
    for (const message of messages) {
      let decoded: DecodedEvent;
      try {
        decoded = decodeEvent(message.value);
      } catch {
        alone.push(message);
        continue;
      }
      const handler = this.options.handlers.get(decoded.envelope.type);
      if (handler) work.push({ message, envelope: decoded.envelope, handler });
      else this.options.onProcessed?.('skipped', decoded.envelope.type);
    }
    // A message that cannot be decoded goes to the dead-letter topic on its own, before or after
    // the group: it changes no state, so its place among other keys' messages does not matter.
    for (const message of alone) await this.processMessage(topic, partition, message);
    await this.handleGroup(topic, partition, work);
  }

  private async handleGroup(topic: string, partition: number, work: GroupItem[]): Promise<void> {
    if (work.length < 2 || !this.options.groupCommit) {
      for (const { message } of work) await this.processMessage(topic, partition, message);
      return;
    }
    let failedAt = -1;
    let outcomes: Outcome[];
    let staged = 0;
    let afterCommit: (() => void)[] = [];
    try {
      ({ outcomes, staged } = await this.dataSource.transaction(async (manager) => {
        // Sent with the inbox insert (and BEGIN), in one round trip.
        await deferStatement(manager, `SET LOCAL lock_timeout = '${GROUP_LOCK_TIMEOUT}'`);
        const fresh: { event_id: string }[] = await manager.query(
          `INSERT INTO inbox_messages (consumer, event_id, event_type)
           SELECT $1, u.id, u.type FROM unnest($2::uuid[], $3::text[]) AS u(id, type)
           ON CONFLICT DO NOTHING RETURNING event_id`,
          [this.options.name, work.map((w) => w.envelope.id), work.map((w) => w.envelope.type)],
        );
        const pending = new Set(fresh.map((r) => r.event_id));
        const result = await this.outbox.within(manager, async (tx) => {
          const seen: Outcome[] = [];
          for (const [i, { envelope, handler, message }] of work.entries()) {
            // delete(): a second copy of an event in the same group is a duplicate too.
            if (!pending.delete(envelope.id)) {
              seen.push('duplicate');
              continue;
            }
            failedAt = i;
            await this.inContext(envelope, message, () => handler(envelope, tx));
            failedAt = -1;
            seen.push('handled');
          }
          return seen;
        });
        afterCommit = result.afterCommit;
        return { outcomes: result.value, staged: result.staged };
      }));
    } catch (error) {
      // Nothing of the group was committed. The messages before the one that failed go again as a
      // group; the one that failed continues alone from its second attempt (or to the dead-letter
      // topic); the rest as a group. A failure outside the handlers: every message alone.
      // Lock contention with another group is nobody's fault: no attempt is counted. Nor is it an
      // outage, so its messages go alone even while stopping: a graceful stop finishes them and
      // commits their offsets instead of leaving the batch to be redelivered.
      const contention = ['55P03', '40P01'].includes((error as { code?: string })?.code ?? '');
      if (this.stopping && !contention) throw error;
      // A statement an earlier handler deferred failed inside a later one's: the culprit is unknown.
      const unattributed = failedAt < 0 || failedInDeferredStatement(error);
      this.options.onGroupFallback?.(contention ? 'lock-conflict' : unattributed ? 'unattributed' : 'handler-failed');
      if (contention || unattributed) {
        for (const { message } of work) await this.processMessage(topic, partition, message);
        return;
      }
      await this.handleGroup(topic, partition, work.slice(0, failedAt));
      await this.processMessage(topic, partition, work[failedAt].message, error);
      await this.handleGroup(topic, partition, work.slice(failedAt + 1));
      return;
    }
    if (staged) this.outbox.wakeRelay();
    runAfterCommit(afterCommit);
    this.options.onCommitted?.(work.length);
    outcomes.forEach((outcome, i) => this.options.onProcessed?.(outcome, work[i].envelope.type));
  }

  /** `firstFailure`: the message already failed once inside a group transaction; that counts as its first attempt. */
  private async processMessage(topic: string, partition: number, message: KafkaMessage, firstFailure?: unknown): Promise<void> {
    let decoded: DecodedEvent;
    try {
      decoded = decodeEvent(message.value);
    } catch (error) {
      await this.deadLetter(topic, partition, message, error, 1);
      return;
    }
    const { envelope } = decoded;
    const handler = this.options.handlers.get(envelope.type);
    if (!handler) {
      this.options.onProcessed?.('skipped', envelope.type);
      return;
    }
    for (let attempt = 1; ; attempt++) {
      try {
        if (attempt === 1 && firstFailure !== undefined) throw firstFailure;
        const outcome = await this.handleOnce(envelope, handler, message);
        this.options.onProcessed?.(outcome, envelope.type);
        return;
      } catch (error) {
        const permanent = error instanceof UnprocessableEventError || error instanceof ContractViolation;
        if (!permanent && isTransientInfrastructureError(error)) {
          // The database is down, not the message bad: wait for it (the batch keeps heartbeating).
          // Stopping: give up without committing, so the message is processed after the restart.
          if (this.stopping) throw error;
          this.logger.warn('database unavailable; retrying without dead-lettering', { consumer: this.options.name, ...eventLogFields(envelope), error: String(error) });
          await new Promise((r) => setTimeout(r, backoffDelay(this.retry, Math.min(attempt, 6))));
          continue;
        }
        if (permanent || attempt >= this.retry.maxAttempts) {
          await this.deadLetter(topic, partition, message, error, attempt, envelope);
          return;
        }
        this.logger.warn('handler failed; retrying', { consumer: this.options.name, ...eventLogFields(envelope), attempt, error: String(error) });
        await new Promise((r) => setTimeout(r, backoffDelay(this.retry, attempt)));
      }
    }
  }

  private async handleOnce(envelope: EventEnvelope, handler: EventHandlerFn, message: KafkaMessage): Promise<Outcome> {
    let staged = 0;
    let afterCommit: (() => void)[] = [];
    const outcome = await this.inContext(envelope, message, () =>
      this.dataSource.transaction(async (manager) => {
        const inserted: unknown[] = await manager.query(
          `INSERT INTO inbox_messages (consumer, event_id, event_type) VALUES ($1, $2, $3)
           ON CONFLICT DO NOTHING RETURNING event_id`,
          [this.options.name, envelope.id, envelope.type],
        );
        if (!inserted.length) return 'duplicate' as const;
        const result = await this.outbox.within(manager, (tx) => handler(envelope, tx));
        staged = result.staged;
        afterCommit = result.afterCommit;
        return 'handled' as const;
      }),
    );
    if (staged) this.outbox.wakeRelay();
    runAfterCommit(afterCommit);
    this.options.onCommitted?.(1);
    return outcome;
  }

  /** Both contexts: EventContext for the ids of events published from here, RequestContext for logs; and the message's span. */
  private inContext<T>(envelope: EventEnvelope, message: KafkaMessage, fn: () => Promise<T>): Promise<T> {
    const headers: Record<string, string | undefined> = {};
    for (const [k, v] of Object.entries(message.headers ?? {})) headers[k] = v?.toString();
    return RequestContext.run({ correlationId: envelope.correlationId }, () =>
      EventContext.run({ correlationId: envelope.correlationId, causationId: envelope.id }, () =>
        inSpanFromHeaders(`${envelope.type} process`, SpanKind.CONSUMER, headers, { 'messaging.system': 'kafka', 'messaging.consumer.group.name': this.options.name, 'askfirst.event.id': envelope.id, 'askfirst.order.id': envelope.subject }, fn)));
  }

  /** `envelope`: absent when the message could not be decoded. */
  private async deadLetter(topic: string, partition: number, message: KafkaMessage, error: unknown, attempts: number, envelope?: EventEnvelope) {
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    const type = envelope?.type ?? UNDECODABLE_TYPE;
    this.logger.error('message dead-lettered', { consumer: this.options.name, topic, partition, offset: message.offset, type, ...(envelope && eventLogFields(envelope)), reason, attempts });
    await this.dlq.publish({ topic, partition, message, error: reason, attempts, consumer: this.options.name });
    this.options.onProcessed?.('dead-lettered', type);
  }
}
