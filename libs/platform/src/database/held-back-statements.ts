import { Query, QueryResult } from 'pg';

// pg's own value conversion (Date, Buffer, arrays, JSON), as its Query applies it when binding.
const { prepareValue } = require('pg/lib/utils') as { prepareValue(value: unknown): unknown };

/** TypeORM's statements that open, close or abort a transaction. */
export const START_TRANSACTION = 'START TRANSACTION';
export const COMMIT = 'COMMIT';
export const END_TRANSACTION = new Set([COMMIT, 'ROLLBACK']);

/**
 * A statement whose answer nobody waits for (BEGIN, SET LOCAL, an INSERT without RETURNING): it is
 * held back and sent in front of the transaction's next statement. It must return no rows.
 */
export interface HeldStatement {
  text: string;
  /** Already in wire form (pg's prepareValue), so nothing can fail while the query is being written. */
  values: unknown[];
}

export const BEGIN: HeldStatement = { text: 'BEGIN', values: [] };

export function heldStatement(text: string, values: readonly unknown[]): HeldStatement {
  return { text, values: values.map((v) => prepareValue(v)) };
}

type Connection = {
  parse(msg: { text: string; name?: string; types?: unknown[] }): void;
  bind(msg: { portal?: string; statement?: string; values?: unknown[] }): void;
  execute(msg: { portal?: string; rows?: number }): void;
};

type QueryCallback = (error: Error | null, result: QueryResult | QueryResult[]) => void;

/**
 * A statement sent together with the held-back statements before it (if any), in one write and one
 * round trip: the extended protocol runs them all before the single Sync, so the client still sees
 * one query and one ReadyForQuery. If a held-back statement fails, the server skips the rest up to the
 * Sync and the query fails with that error. The results are [the held-back ones'…, the statement's].
 */
export class PrefixedQuery extends (Query as unknown as new (config: object | string, values?: unknown[], callback?: QueryCallback) => object) {
  constructor(
    private readonly prefix: readonly HeldStatement[],
    config: { text: string; values: unknown[]; name?: string },
    callback: QueryCallback,
  ) {
    // From the text, not a config object, which pg would copy property by property for every query.
    super(config.text, config.values, callback);
    const self = this as unknown as { name?: string; queryMode?: string };
    self.name = config.name;
    // extended: a statement without values (COMMIT) would otherwise go as a simple query, alone.
    self.queryMode = 'extended';
  }

  /** Statements completed so far: fewer than the prefix when a held-back one failed. */
  private completed = 0;

  get failedInPrefix(): boolean {
    return this.completed < this.prefix.length;
  }

  handleCommandComplete(msg: unknown, connection: unknown): void {
    this.completed++;
    (Query.prototype as unknown as { handleCommandComplete(m: unknown, c: unknown): void }).handleCommandComplete.call(this, msg, connection);
  }

  prepare(connection: Connection): void {
    for (const { text, values } of this.prefix) {
      connection.parse({ text, name: '', types: [] });
      connection.bind({ portal: '', statement: '', values });
      connection.execute({ portal: '', rows: 0 });
    }
    (Query.prototype as unknown as { prepare(c: Connection): void }).prepare.call(this, connection);
  }
}

const HELD_BACK = Symbol('askfirst.heldBackStatementFailed');

/** Marks an error as a held-back statement's: it surfaced on a later statement, which is not to blame. */
export function markHeldBack(error: unknown): unknown {
  if (error && typeof error === 'object') (error as { [HELD_BACK]?: true })[HELD_BACK] = true;
  return error;
}

/**
 * Whether a statement failed because of a statement deferred before it (deferStatement): the work
 * that ran the failing statement did not cause the failure; something earlier in the transaction did.
 */
export function failedInDeferredStatement(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  // TypeORM's QueryFailedError copies the driver error's string keys only; it keeps the original.
  const { driverError } = error as { driverError?: unknown };
  return (error as { [HELD_BACK]?: true })[HELD_BACK] === true || (driverError !== error && failedInDeferredStatement(driverError));
}

/** The statement's own result from a query that carried `count` held-back statements in front of it. */
export function afterPrefix(result: QueryResult | QueryResult[], count: number): QueryResult | QueryResult[] {
  if (!Array.isArray(result)) return result;
  const own = result.slice(count);
  return own.length === 1 ? own[0] : own;
}

/** The answer TypeORM gets for a statement that is held back (or, in an empty transaction, never sent). */
export function deferredResult(command: string): QueryResult {
  return { command, rowCount: null, oid: 0, fields: [], rows: [] } as unknown as QueryResult;
}

/** Statements without values can travel as one simple-protocol text. */
export function withoutValues(statements: readonly HeldStatement[]): boolean {
  return statements.every((s) => s.values.length === 0);
}
