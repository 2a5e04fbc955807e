import { DataSource } from 'typeorm';
import { Producer } from 'kafkajs';
import { physicalTopic } from '@askfirst/contracts';
import { MessagingLogger, silentLogger } from '../logger';
import { LoopWaker } from '../loop-waker';
import { OutboxWaker } from './transactional-outbox';

export interface OutboxRelayOptions {
  topicPrefix?: string;
  batchSize?: number;
  pollIntervalMs?: number;
  /** Published rows are kept this long for audit and replay, then pruned. */
  retentionHours?: number;
  logger?: MessagingLogger;
  /** Called after each published batch (metrics). */
  onPublished?: (count: number) => void;
}

interface OutboxRow {
  seq: string;
  topic: string;
  message_key: string;
  payload: string;
  headers: Record<string, string>;
}

// One relay per service database publishes at a time, so per-key order holds across replicas.
/** The advisory lock (hashtext of this key) one relay holds per database while it publishes. */
export const OUTBOX_RELAY_LOCK_KEY = 'askfirst.outbox-relay';
/**
 * Takes the lock and, in the same round trip, turns bitmap scans off for this transaction only.
 * Every published row leaves a dead entry in the partial index of unpublished rows until vacuum;
 * PostgreSQL's estimate then prefers a bitmap scan, which visits the heap page of every dead entry
 * on every poll (0.4 ms and 230 buffers per batch of one under load). A plain index scan in `seq`
 * order marks dead entries as such the first time it meets them and skips them afterwards.
 */
export const RELAY_LOCK_SQL = `SELECT pg_try_advisory_xact_lock(hashtext('${OUTBOX_RELAY_LOCK_KEY}')) AS locked, set_config('enable_bitmapscan', 'off', true) AS bitmap_scans`;
export const RELAY_SELECT_SQL = `SELECT seq, topic, message_key, payload, headers FROM outbox_messages
          WHERE published_at IS NULL ORDER BY seq LIMIT $1`;

/** Publishes committed outbox rows to Kafka in commit order, marking them sent (at least once). */
export class OutboxRelay implements OutboxWaker {
  private running = false;
  private loop?: Promise<void>;
  private readonly waker = new LoopWaker();
  private lastPrune = 0;
  private readonly opts: Required<Omit<OutboxRelayOptions, 'onPublished'>> & Pick<OutboxRelayOptions, 'onPublished'>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly producer: Producer,
    options: OutboxRelayOptions = {},
  ) {
    this.opts = {
      topicPrefix: options.topicPrefix ?? '',
      batchSize: options.batchSize ?? 500,
      pollIntervalMs: options.pollIntervalMs ?? 500,
      retentionHours: options.retentionHours ?? 24,
      logger: options.logger ?? silentLogger,
      onPublished: options.onPublished,
    };
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  wake(): void {
    this.waker.wake();
  }

  /** Graceful shutdown: publish what is committed (bounded by the deadline), then stop. */
  async stop(flushTimeoutMs = 10_000): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.waker.interrupt();
    await this.loop;
    const deadline = Date.now() + flushTimeoutMs;
    try {
      while (Date.now() < deadline && (await this.publishBatch()) > 0) {
        /* keep flushing */
      }
    } catch (error) {
      this.opts.logger.warn('outbox flush on shutdown failed; rows stay for the next start', { error: String(error) });
    }
  }

  /** Unpublished rows and the age of the oldest, for metrics and readiness. */
  async backlog(): Promise<{ count: number; oldestAgeSeconds: number }> {
    const [row] = await this.dataSource.query(
      `SELECT count(*)::int AS count, COALESCE(EXTRACT(EPOCH FROM now() - min(created_at)), 0)::float AS age
         FROM outbox_messages WHERE published_at IS NULL`,
    );
    return { count: row.count, oldestAgeSeconds: row.age };
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (this.running) {
      try {
        const published = await this.publishBatch();
        failures = 0;
        await this.pruneIfDue();
        if (published >= this.opts.batchSize) continue;
      } catch (error) {
        failures += 1;
        this.opts.logger.warn('outbox publish failed; will retry', { error: String(error), failures });
        await this.waker.pause(Math.min(100 * 2 ** failures, 5_000));
        continue;
      }
      await this.waker.sleep(this.opts.pollIntervalMs);
    }
  }

  async publishBatch(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const [{ locked }] = await manager.query(RELAY_LOCK_SQL);
      if (!locked) return 0;
      const rows: OutboxRow[] = await manager.query(RELAY_SELECT_SQL, [this.opts.batchSize]);
      if (!rows.length) return 0;
      const byTopic = new Map<string, { key: string; value: string; headers: Record<string, string> }[]>();
      for (const row of rows) {
        const topic = physicalTopic(row.topic, this.opts.topicPrefix);
        const list = byTopic.get(topic) ?? [];
        list.push({ key: row.message_key, value: row.payload, headers: row.headers });
        byTopic.set(topic, list);
      }
      await this.producer.sendBatch({
        acks: -1,
        topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })),
      });
      await manager.query(`UPDATE outbox_messages SET published_at = now() WHERE seq = ANY($1::bigint[])`, [rows.map((r) => r.seq)]);
      this.opts.onPublished?.(rows.length);
      return rows.length;
    });
  }

  private async pruneIfDue(): Promise<void> {
    if (Date.now() - this.lastPrune < 60_000) return;
    this.lastPrune = Date.now();
    await this.dataSource.query(
      `DELETE FROM outbox_messages WHERE published_at < now() - make_interval(hours => $1)`,
      [this.opts.retentionHours],
    );
  }
}
