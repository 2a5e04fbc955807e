import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { createEnvelope, EventDefinition, EventEnvelope } from '@askfirst/contracts';
import { currentTraceHeaders, deferStatement, RequestContext } from '@askfirst/platform';
import { EventContext } from '../event-context';

export interface PublishOptions {
  /** Kafka key and envelope subject: the order id, so one order's events keep their order. */
  subject: string;
  correlationId?: string;
  causationId?: string;
}

/** A database transaction that can also publish events: they are committed with the state, or not at all. */
export interface OutboxTransaction {
  readonly manager: EntityManager;
  publish<T extends object>(definition: EventDefinition<T>, data: T, options: PublishOptions): EventEnvelope<T>;
  /** Runs `fn` once the transaction has committed (never if it rolls back): wake a worker that polls for what it wrote. */
  afterCommit(fn: () => void): void;
}

export interface OutboxWaker {
  wake(): void;
}

const COLUMNS = 6;

/** Runs units of work that change state and stage events in one local transaction (I6). */
export class TransactionalOutbox {
  private waker?: OutboxWaker;

  constructor(private readonly dataSource: DataSource) {}

  /** The relay is woken right after each commit that staged events, instead of waiting for its poll. */
  attachWaker(waker: OutboxWaker): void {
    this.waker = waker;
  }

  async run<T>(work: (tx: OutboxTransaction) => Promise<T>): Promise<T> {
    let staged = 0;
    let committed: (() => void)[] = [];
    const result = await this.dataSource.transaction(async (manager) => {
      const tx = new StagingTransaction(manager);
      const value = await work(tx);
      staged = await tx.flush();
      committed = tx.committedHooks;
      return value;
    });
    if (staged > 0) this.waker?.wake();
    runAfterCommit(committed);
    return result;
  }

  /**
   * For callers that already hold a transaction (the consumer's inbox transaction); they call
   * runAfterCommit(afterCommit) once it has committed.
   */
  async within<T>(manager: EntityManager, work: (tx: OutboxTransaction) => Promise<T>): Promise<{ value: T; staged: number; afterCommit: (() => void)[] }> {
    const tx = new StagingTransaction(manager);
    const value = await work(tx);
    return { value, staged: await tx.flush(), afterCommit: tx.committedHooks };
  }

  wakeRelay(): void {
    this.waker?.wake();
  }
}

/** Hooks of a committed transaction; one that throws does not stop the others. */
export function runAfterCommit(hooks: readonly (() => void)[]): void {
  for (const hook of hooks) {
    try {
      hook();
    } catch {
      /* a wake-up call failing changes nothing: the worker's poll picks the work up */
    }
  }
}

class StagingTransaction implements OutboxTransaction {
  private readonly staged: { envelope: EventEnvelope; topic: string; headers: Record<string, string> }[] = [];
  readonly committedHooks: (() => void)[] = [];

  constructor(readonly manager: EntityManager) {}

  publish<T extends object>(definition: EventDefinition<T>, data: T, options: PublishOptions): EventEnvelope<T> {
    const context = EventContext.current();
    const envelope = createEnvelope(definition, data, {
      subject: options.subject,
      correlationId: options.correlationId ?? context?.correlationId ?? RequestContext.correlationId() ?? randomUUID(),
      causationId: options.causationId ?? context?.causationId,
    });
    // The active span (HTTP request or consumed message) becomes the parent of the consumers' spans.
    const headers: Record<string, string> = { ...currentTraceHeaders(), 'x-correlation-id': envelope.correlationId, 'x-event-type': envelope.type };
    this.staged.push({ envelope, topic: definition.topic, headers });
    return envelope;
  }

  afterCommit(fn: () => void): void {
    this.committedHooks.push(fn);
  }

  async flush(): Promise<number> {
    if (!this.staged.length) return 0;
    const params: unknown[] = [];
    const rows = this.staged.map(({ envelope, topic, headers }, i) => {
      params.push(envelope.id, topic, envelope.subject, envelope.type, JSON.stringify(envelope), JSON.stringify(headers));
      const b = i * COLUMNS;
      return `($${b + 1}, $${b + 2}, $${b + 3}, $${b + 4}, $${b + 5}, $${b + 6}::jsonb)`;
    });
    // Nothing waits for its answer: it goes with the transaction's COMMIT, in the same round trip.
    await deferStatement(
      this.manager,
      `INSERT INTO outbox_messages (event_id, topic, message_key, event_type, payload, headers) VALUES ${rows.join(', ')}`,
      params,
    );
    const count = this.staged.length;
    this.staged.length = 0;
    return count;
  }
}
