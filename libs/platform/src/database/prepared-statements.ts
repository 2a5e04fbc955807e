import { Client, ClientConfig, QueryResult } from 'pg';
import { afterPrefix, BEGIN, COMMIT, deferredResult, END_TRANSACTION, HeldStatement, heldStatement, markHeldBack, PrefixedQuery, START_TRANSACTION, withoutValues } from './held-back-statements';

/**
 * Gives a statement text a name on its second use, so PostgreSQL parses and analyses it once per
 * connection instead of on every execution (it still plans each execution with its values: see
 * preparedStatementClient). Texts used once (or built for one row count) stay
 * unnamed; at most `maxNames` texts are named, since every pooled connection keeps each one.
 */
export class StatementNames {
  private readonly names = new Map<string, string>();
  private readonly seenOnce = new Set<string>();

  constructor(
    readonly maxNames = 200,
    private readonly maxSeenOnce = 2_000,
  ) {}

  /** The name for this text, or undefined while it should run unnamed. */
  nameFor(text: string): string | undefined {
    const name = this.names.get(text);
    if (name !== undefined || this.names.size >= this.maxNames) return name;
    if (!this.seenOnce.delete(text)) {
      if (this.seenOnce.size >= this.maxSeenOnce) this.seenOnce.clear();
      this.seenOnce.add(text);
      return undefined;
    }
    const named = `askfirst_${this.names.size + 1}`;
    this.names.set(text, named);
    return named;
  }

  get size(): number {
    return this.names.size;
  }
}

const sent = { queries: 0 };

/** Queries this process has sent through preparedStatementClient pools: each is one round trip. */
export function databaseRoundTrips(): number {
  return sent.queries;
}

/** PostgreSQL's answer when a table's columns changed under a prepared `SELECT *`. */
function isStalePlan(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: string; message?: string };
  return code === '0A000' && /cached plan must not change result type/.test(message ?? '');
}

/**
 * A pg Client for the services' pools; TypeORM passes every query as text plus values, so the
 * pool's `Client` option is the one place to change how they are sent.
 *
 * - A parameterised statement runs as a named (prepared) statement. After a migration changes a
 *   table's columns, a connection's prepared `SELECT *` fails once with "cached plan must not change
 *   result type"; the connection then prepares every text again under new names, so the caller's
 *   retry succeeds.
 * - `START TRANSACTION` is held back and sent with the transaction's first statement, in the same
 *   round trip; a transaction with no statement sends nothing at all.
 * - `defer()` holds back a statement whose answer nobody waits for the same way: it goes in front
 *   of the transaction's next statement, often its COMMIT. Its failure fails that statement.
 */
export function preparedStatementClient(names = new StatementNames()): typeof Client {
  return class PreparedStatementClient extends Client {
    private generation = 0;
    private inTransaction = false;
    /** Statements held back, in order, to go in front of the next one sent; BEGIN first while nothing has been sent. */
    private held: HeldStatement[] = [];
    /** Queries sent to the server (for tests and diagnostics). */
    roundTrips = 0;

    constructor(config?: ClientConfig) {
      // Plans stay per execution (custom): a generic plan is made without the parameters' values
      // and chose sequential scans of stock, reservations and the outbox in the benchmark.
      super({ ...config, options: [config?.options, '-c plan_cache_mode=force_custom_plan'].filter(Boolean).join(' ') });
    }

    /**
     * Holds back a statement that returns no rows until the transaction's next statement, and sends
     * it in the same round trip. Only inside a transaction: outside one, nothing promises a next
     * statement.
     */
    defer(text: string, values: readonly unknown[] = []): void {
      if (!this.inTransaction) throw new Error('defer() is for statements inside a transaction');
      this.held.push(heldStatement(text, values));
    }

    override query(...args: unknown[]): any {
      const [text, values, callback] = args;
      const plain = typeof text === 'string' && callback === undefined && (values === undefined || Array.isArray(values));
      if (!plain) {
        // Anything else (a stream, a callback): what is held back goes first, on its own.
        const held = this.takeHeld();
        if (held.length) this.sendHeld(held).catch(() => undefined);
        return this.send(...args);
      }
      const params = (values as unknown[] | undefined) ?? [];
      if (params.length === 0 && text === START_TRANSACTION && !this.inTransaction) {
        this.inTransaction = true;
        this.held = [BEGIN];
        return Promise.resolve(deferredResult('BEGIN'));
      }
      if (params.length === 0 && END_TRANSACTION.has(text as string) && this.inTransaction) return this.endTransaction(text as string);
      return this.run(text as string, params, this.takeHeld());
    }

    private endTransaction(text: string): Promise<QueryResult | QueryResult[]> {
      this.inTransaction = false;
      const held = this.takeHeld();
      // Nothing was sent since the BEGIN that never left: there is nothing to commit or roll back.
      if (held[0] === BEGIN && (text !== COMMIT || held.length === 1)) return Promise.resolve(deferredResult(text));
      // A rollback undoes what is held back anyway: it is dropped.
      const sent = this.run(text, [], text === COMMIT ? held : []);
      if (text !== COMMIT) return sent;
      return sent.then((result) => {
        // PostgreSQL answers COMMIT in a failed transaction with ROLLBACK, not an error.
        if (!Array.isArray(result) && result.command === 'ROLLBACK') throw new Error('the transaction had failed: COMMIT rolled it back');
        return result;
      });
    }

    private run(text: string, params: unknown[], held: HeldStatement[]): Promise<QueryResult | QueryResult[]> {
      if (params.length === 0) {
        if (!held.length) return this.send(text);
        if (withoutValues(held)) return this.send([...held.map((h) => h.text), text].join('; ')).then((r: QueryResult[]) => afterPrefix(r, held.length));
        // COMMIT is one statement for sure; any other text may hold several, which the extended protocol refuses.
        if (text === COMMIT) return this.sendPrefixed(held, { text, values: [] });
        return this.afterHeld(held, () => this.send(text));
      }
      const name = names.nameFor(text);
      const generation = this.generation;
      const config = { text, values: params, ...(name !== undefined && { name: generation ? `${name}_${generation}` : name }) };
      // pg records a name as parsed at the first ParseComplete of its query, which would be a held-back
      // statement's: a statement's first use on a connection takes its own round trip after them.
      const firstUse = held.length > 0 && config.name !== undefined && !this.hasParsed(config.name);
      const sent = firstUse ? this.afterHeld(held, () => this.sendPrefixed([], config)) : this.sendPrefixed(held, config);
      if (name === undefined) return sent;
      return sent.catch((error: unknown) => {
        if (isStalePlan(error) && this.generation === generation) this.generation++;
        throw error;
      });
    }

    private takeHeld(): HeldStatement[] {
      const held = this.held;
      this.held = [];
      return held;
    }

    /** The held-back statements alone, then `next`; if they failed, `next` fails with their error (it would only say the transaction is aborted). */
    private afterHeld<T>(held: HeldStatement[], next: () => Promise<T>): Promise<T> {
      let failure: unknown;
      this.sendHeld(held).catch((error: unknown) => (failure = markHeldBack(error)));
      return next().catch((error: unknown) => {
        throw failure ?? error;
      });
    }

    private sendHeld(held: HeldStatement[]): Promise<unknown> {
      if (withoutValues(held)) return this.send(held.map((h) => h.text).join('; '));
      const last = held[held.length - 1];
      return this.sendPrefixed(held.slice(0, -1), { text: last.text, values: last.values });
    }

    private sendPrefixed(held: HeldStatement[], config: { text: string; values: unknown[]; name?: string }): Promise<QueryResult | QueryResult[]> {
      return new Promise((resolve, reject) => {
        const query: PrefixedQuery = new PrefixedQuery(held, config, (error, result) => {
          if (error) reject(query.failedInPrefix ? markHeldBack(error) : error);
          else resolve(afterPrefix(result, held.length));
        });
        this.send(query);
      });
    }

    private hasParsed(name: string): boolean {
      const { parsedStatements } = (this as unknown as { connection: { parsedStatements: Record<string, string> } }).connection;
      return parsedStatements[name] !== undefined;
    }

    private send(...args: unknown[]): any {
      this.roundTrips++;
      sent.queries++;
      return (super.query as (...a: unknown[]) => unknown)(...args);
    }
  };
}
