import { DataSource, QueryRunner } from 'typeorm';
import { Producer } from 'kafkajs';
import { physicalTopic } from '@askfirst/contracts';
import { MessagingLogger, silentLogger } from '../logger';
import { LoopWaker } from '../loop-waker';
import { OutboxWaker } from './transactional-outbox';

export interface OutboxRelayOptions {
  topicPrefix?: string;
  batchSize?: number;
  pollIntervalMs?: number;
  /**
   * While busy, a cycle starts at least this long after the last one that published (a producer's
   * linger.ms): the commits in between share one select and one produce. The first event after a
   * quiet spell goes at once.
   */
  lingerMs?: number;
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
/** The session advisory lock (hashtext of this key) the publishing relay of a database holds. */
export const OUTBOX_RELAY_LOCK_KEY = 'askfirst.outbox-relay';
/** The channel a relay that is not publishing uses to wake the one that is (LISTEN/NOTIFY). */
export const OUTBOX_RELAY_CHANNEL = 'askfirst_outbox_relay';
/**
 * Becomes the publishing relay, or tells the one that is that rows are waiting, in one round trip.
 * The publisher's connection also turns bitmap scans off for its session: every published row
 * leaves a dead entry in the partial index of unpublished rows until vacuum; PostgreSQL's estimate
 * then prefers a bitmap scan, which visits the heap page of every dead entry on every poll (0.4 ms
 * and 230 buffers per batch of one under load). A plain index scan in `seq` order marks dead entries
 * as such the first time it meets them and skips them afterwards.
 */
export const RELAY_ACQUIRE_SQL = `SELECT locked,
    CASE WHEN locked THEN set_config('enable_bitmapscan', 'off', false) ELSE pg_notify('${OUTBOX_RELAY_CHANNEL}', '')::text END AS effect
  FROM (SELECT pg_try_advisory_lock(hashtext('${OUTBOX_RELAY_LOCK_KEY}')) AS locked) AS attempt`;
/** Gives the connection back as the pool lent it. */
export const RELAY_RESIGN_SQL = `SELECT pg_advisory_unlock(hashtext('${OUTBOX_RELAY_LOCK_KEY}')); RESET enable_bitmapscan; UNLISTEN ${OUTBOX_RELAY_CHANNEL}`;
export const RELAY_SELECT_SQL = `SELECT seq, topic, message_key, payload, headers FROM outbox_messages
          WHERE published_at IS NULL ORDER BY seq LIMIT $1`;

/** The part of node-postgres's client the publisher uses: LISTEN's notifications arrive as events. */
type Notifier = { on(event: 'notification', listener: () => void): void; off(event: 'notification', listener: () => void): void };

/** Publishes committed outbox rows to Kafka in commit order, marking them sent (at least once). */
export class OutboxRelay implements OutboxWaker {
  private running = false;
  private loop?: Promise<void>;
  private readonly waker = new LoopWaker();
  private lastPrune = 0;
  /** When the last cycle that published something ended. */
  private lastPublishedAt = 0;
  /** The connection holding the publisher's lock, while this relay is the one publishing. */
  private publisher?: QueryRunner;
  /** Wakes this relay when another replica's relay NOTIFYs (on the publisher's connection). */
  private readonly onNotification = () => this.wake();
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
      lingerMs: options.lingerMs ?? 0,
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

  /** Graceful shutdown: publish what is committed (bounded by the deadline), then let another replica publish. */
  async stop(flushTimeoutMs = 10_000): Promise<void> {
    if (this.running) {
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
    await this.resign();
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
        const lingered = this.lastPublishedAt + this.opts.lingerMs - Date.now();
        if (lingered > 0) await new Promise((resolve) => setTimeout(resolve, lingered));
        const published = await this.publishBatch();
        if (published > 0) this.lastPublishedAt = Date.now();
        failures = 0;
        await this.pruneIfDue();
        if (published >= this.opts.batchSize) continue;
      } catch (error) {
        failures += 1;
        this.opts.logger.warn('outbox publish failed; will retry', { error: String(error), failures });
        // Another replica may reach Kafka or the database where this one cannot.
        await this.resign();
        if (this.running) await this.waker.pause(Math.min(100 * 2 ** failures, 5_000));
        continue;
      }
      // stop() may have come while this cycle ran: its interrupt only cuts a sleep already begun, so
      // check before starting one (nothing can run between the check and the sleep taking effect).
      if (this.running) await this.waker.sleep(this.opts.pollIntervalMs);
    }
  }

  /**
   * Publishes up to one batch if this relay is the database's publisher (or becomes it now): two
   * round trips, the read and the mark, both outside any transaction; the lock is the connection's.
   */
  async publishBatch(): Promise<number> {
    const publisher = await this.acquire();
    if (!publisher) return 0;
    const rows: OutboxRow[] = await publisher.query(RELAY_SELECT_SQL, [this.opts.batchSize]);
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
    await publisher.query(`UPDATE outbox_messages SET published_at = now() WHERE seq = ANY($1::bigint[])`, [rows.map((r) => r.seq)]);
    this.opts.onPublished?.(rows.length);
    return rows.length;
  }

  /** Whether this relay is the database's publisher now. */
  get publishing(): boolean {
    return this.publisher !== undefined;
  }

  /**
   * The publisher's connection: kept from an earlier batch, or a pooled connection that has just
   * taken the lock. When another replica holds it, the same statement wakes that replica (its
   * connection LISTENs), and this one publishes nothing.
   */
  private async acquire(): Promise<QueryRunner | undefined> {
    if (this.publisher) return this.publisher;
    const runner = this.dataSource.createQueryRunner();
    try {
      const [{ locked }] = await runner.query(RELAY_ACQUIRE_SQL);
      if (!locked) {
        await runner.release();
        return undefined;
      }
      ((await runner.connect()) as Notifier).on('notification', this.onNotification);
      await runner.query(`LISTEN ${OUTBOX_RELAY_CHANNEL}`);
      this.publisher = runner;
      return runner;
    } catch (error) {
      await this.dropConnection(runner, error);
      throw error;
    }
  }

  /** Lets another replica publish: unlocks and gives the connection back, or drops it if that fails. */
  private async resign(): Promise<void> {
    const runner = this.publisher;
    if (!runner) return;
    this.publisher = undefined;
    try {
      await runner.query(RELAY_RESIGN_SQL);
      ((await runner.connect()) as Notifier).off('notification', this.onNotification);
      await runner.release();
    } catch (error) {
      await this.dropConnection(runner, error);
    }
  }

  /** Closes a connection whose state is unknown instead of returning it to the pool (the lock goes with it). */
  private async dropConnection(runner: QueryRunner, cause: unknown): Promise<void> {
    if (runner.isReleased) return;
    // TypeORM's own path for a connection that failed: the pool destroys a client released with an error.
    const release = (runner as unknown as { releasePostgresConnection(error: Error): Promise<void> }).releasePostgresConnection;
    await release.call(runner, cause instanceof Error ? cause : new Error(String(cause)));
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
