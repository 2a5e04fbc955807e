import { Client, ClientConfig, QueryResult } from 'pg';
import { afterBegin, BeginThenQuery, deferredResult, END_TRANSACTION, START_TRANSACTION } from './begin-with-first-statement';

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
 */
export function preparedStatementClient(names = new StatementNames()): typeof Client {
  return class PreparedStatementClient extends Client {
    private generation = 0;
    private beginHeldBack = false;
    /** Queries sent to the server (for tests and diagnostics). */
    roundTrips = 0;

    constructor(config?: ClientConfig) {
      // Plans stay per execution (custom): a generic plan is made without the parameters' values
      // and chose sequential scans of stock, reservations and the outbox in the benchmark.
      super({ ...config, options: [config?.options, '-c plan_cache_mode=force_custom_plan'].filter(Boolean).join(' ') });
    }

    override query(...args: unknown[]): any {
      const [text, values, callback] = args;
      const plain = typeof text === 'string' && callback === undefined && (values === undefined || Array.isArray(values));
      if (!plain) {
        // Anything else (a stream, a callback): the held-back BEGIN goes first, on its own.
        this.sendHeldBackBegin();
        return this.send(...args);
      }
      const params = (values as unknown[] | undefined) ?? [];
      if (!this.beginHeldBack) {
        if (text === START_TRANSACTION && params.length === 0) {
          this.beginHeldBack = true;
          return Promise.resolve(deferredResult('BEGIN'));
        }
        return this.run(text as string, params, false);
      }
      if (END_TRANSACTION.has(text as string) && params.length === 0) {
        // Nothing ran since the BEGIN that was never sent: there is nothing to end.
        this.beginHeldBack = false;
        return Promise.resolve(deferredResult(text as string));
      }
      this.beginHeldBack = false;
      return this.run(text as string, params, true);
    }

    private run(text: string, params: unknown[], begin: boolean): Promise<QueryResult | QueryResult[]> {
      if (begin && params.length === 0) return this.send(`BEGIN; ${text}`).then(afterBegin);
      const name = params.length > 0 ? names.nameFor(text) : undefined;
      const generation = this.generation;
      const config = { text, values: params, ...(name !== undefined && { name: generation ? `${name}_${generation}` : name }) };
      if (begin && config.name !== undefined && !this.hasParsed(config.name)) {
        // pg records a name as parsed at the first ParseComplete of its query, which would be
        // BEGIN's: a statement's first use on a connection takes its own round trip after BEGIN.
        this.sendBegin();
        begin = false;
      }
      const sent: Promise<QueryResult | QueryResult[]> = begin
        ? new Promise((resolve, reject) => {
            this.send(new BeginThenQuery(config, undefined, (error, result) => (error ? reject(error) : resolve(afterBegin(result)))));
          })
        : this.send(params.length ? config : text);
      if (name === undefined) return sent;
      return sent.catch((error: unknown) => {
        if (isStalePlan(error) && this.generation === generation) this.generation++;
        throw error;
      });
    }

    private sendHeldBackBegin(): void {
      if (!this.beginHeldBack) return;
      this.beginHeldBack = false;
      this.sendBegin();
    }

    /** BEGIN on its own; if it fails, the query after it shows why. */
    private sendBegin(): void {
      (this.send('BEGIN') as Promise<unknown>).catch(() => undefined);
    }

    private hasParsed(name: string): boolean {
      const { parsedStatements } = (this as unknown as { connection: { parsedStatements: Record<string, string> } }).connection;
      return parsedStatements[name] !== undefined;
    }

    private send(...args: unknown[]): any {
      this.roundTrips++;
      return (super.query as (...a: unknown[]) => unknown)(...args);
    }
  };
}
