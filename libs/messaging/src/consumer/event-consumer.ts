import { Consumer, EachBatchPayload, Kafka, KafkaMessage } from 'kafkajs';
import { DataSource } from 'typeorm';
import { ContractViolation, decodeEvent, DecodedEvent, EventEnvelope, physicalTopic, TopicName } from '@askfirst/contracts';
import { inSpanFromHeaders, isTransientInfrastructureError, RequestContext, SpanKind } from '@askfirst/platform';
import { UnprocessableEventError } from '../errors';
import { EventContext } from '../event-context';
import { MessagingLogger, silentLogger } from '../logger';
import { OutboxTransaction, TransactionalOutbox } from '../outbox/transactional-outbox';
import { DeadLetterPublisher } from './dead-letter-publisher';
import { backoffDelay, DEFAULT_RETRY_POLICY, RetryPolicy } from './retry-policy';


export type EventHandlerFn = (envelope: EventEnvelope<any>, tx: OutboxTransaction) => Promise<void>;

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
  /** Tests start from the beginning of a fresh topic. */
  fromBeginning?: boolean;
}

type Outcome = 'handled' | 'duplicate' | 'skipped' | 'dead-lettered';

/**
 * Runs one Kafka consumer group: decode and validate, drop duplicates through the inbox in the
 * handler's own transaction, retry with backoff, then dead-letter. A poison message never blocks
 * its partition and never crashes the service; a crashed consumer is rebuilt.
 */
export class EventConsumer {
  private consumer?: Consumer;
  private stopping = false;
  private restartTimer?: NodeJS.Timeout;
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
    await consumer.run({
      autoCommit: true,
      autoCommitThreshold: 1,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: 3,
      eachBatch: (payload) => this.processBatch(payload),
    });
  }

  /** Graceful: finish in-flight messages, commit their offsets, leave the group. */
  async stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.restartTimer);
    await this.consumer?.disconnect().catch((error) => this.logger.warn('consumer disconnect failed', { error: String(error) }));
    this.consumer = undefined;
  }

  private scheduleRestart(delayMs = 1_000): void {
    clearTimeout(this.restartTimer);
    this.restartTimer = setTimeout(async () => {
      try {
        await this.consumer?.disconnect().catch(() => undefined);
        await this.start();
        this.logger.info('consumer restarted', { consumer: this.options.name });
      } catch (error) {
        this.logger.error('consumer restart failed; retrying', { error: String(error) });
        this.scheduleRestart(Math.min(delayMs * 2, 30_000));
      }
    }, delayMs);
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
      const limit = Math.max(1, this.options.concurrency ?? 8);
      let next = 0;
      const worker = async () => {
        while (next < chains.length) {
          const chain = chains[next++];
          for (const message of chain) await this.processMessage(batch.topic, batch.partition, message);
        }
      };
      if (!isRunning() || isStale()) return;
      await Promise.all(Array.from({ length: Math.min(limit, chains.length) }, worker));
      resolveOffset(batch.lastOffset());
      await commitOffsetsIfNecessary();
    } finally {
      clearInterval(beat);
    }
  }

  private async processMessage(topic: string, partition: number, message: KafkaMessage): Promise<void> {
    let decoded: DecodedEvent;
    try {
      decoded = decodeEvent(message.value);
    } catch (error) {
      await this.deadLetter(topic, partition, message, error, 1, 'unknown');
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
        const outcome = await this.handleOnce(envelope, handler, message);
        this.options.onProcessed?.(outcome, envelope.type);
        return;
      } catch (error) {
        const permanent = error instanceof UnprocessableEventError || error instanceof ContractViolation;
        if (!permanent && isTransientInfrastructureError(error)) {
          // The database is down, not the message bad: wait for it (the batch keeps heartbeating).
          // Stopping: give up without committing, so the message is processed after the restart.
          if (this.stopping) throw error;
          this.logger.warn('database unavailable; retrying without dead-lettering', { consumer: this.options.name, type: envelope.type, eventId: envelope.id, error: String(error) });
          await new Promise((r) => setTimeout(r, backoffDelay(this.retry, Math.min(attempt, 6))));
          continue;
        }
        if (permanent || attempt >= this.retry.maxAttempts) {
          await this.deadLetter(topic, partition, message, error, attempt, envelope.type);
          return;
        }
        this.logger.warn('handler failed; retrying', { consumer: this.options.name, type: envelope.type, eventId: envelope.id, attempt, error: String(error) });
        await new Promise((r) => setTimeout(r, backoffDelay(this.retry, attempt)));
      }
    }
  }

  private async handleOnce(envelope: EventEnvelope, handler: EventHandlerFn, message: KafkaMessage): Promise<Outcome> {
    const headers: Record<string, string | undefined> = {};
    for (const [k, v] of Object.entries(message.headers ?? {})) headers[k] = v?.toString();
    let staged = 0;
    // Both contexts: EventContext for the ids of events published from here, RequestContext for logs.
    const inContext = <T>(fn: () => Promise<T>) =>
      RequestContext.run({ correlationId: envelope.correlationId }, () =>
        EventContext.run({ correlationId: envelope.correlationId, causationId: envelope.id }, () =>
          inSpanFromHeaders(`${envelope.type} process`, SpanKind.CONSUMER, headers, { 'messaging.system': 'kafka', 'messaging.consumer.group.name': this.options.name, 'askfirst.event.id': envelope.id, 'askfirst.order.id': envelope.subject }, fn)));
    const outcome = await inContext(() =>
      this.dataSource.transaction(async (manager) => {
        const inserted: unknown[] = await manager.query(
          `INSERT INTO inbox_messages (consumer, event_id, event_type) VALUES ($1, $2, $3)
           ON CONFLICT DO NOTHING RETURNING event_id`,
          [this.options.name, envelope.id, envelope.type],
        );
        if (!inserted.length) return 'duplicate' as const;
        const result = await this.outbox.within(manager, (tx) => handler(envelope, tx));
        staged = result.staged;
        return 'handled' as const;
      }),
    );
    if (staged) this.outbox.wakeRelay();
    return outcome;
  }

  private async deadLetter(topic: string, partition: number, message: KafkaMessage, error: unknown, attempts: number, type: string) {
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    this.logger.error('message dead-lettered', { consumer: this.options.name, topic, partition, offset: message.offset, type, reason, attempts });
    await this.dlq.publish({ topic, partition, message, error: reason, attempts, consumer: this.options.name });
    this.options.onProcessed?.('dead-lettered', type);
  }
}
