import { Query, QueryResult } from 'pg';

/** TypeORM's statements that open, close or abort a transaction. */
export const START_TRANSACTION = 'START TRANSACTION';
export const END_TRANSACTION = new Set(['COMMIT', 'ROLLBACK']);

type Connection = {
  parse(msg: { text: string; name?: string; types?: unknown[] }): void;
  bind(msg: { portal?: string; statement?: string; values?: unknown[] }): void;
  execute(msg: { portal?: string; rows?: number }): void;
};

/**
 * A parameterised statement sent together with the `BEGIN` before it, in one write and one round
 * trip: the extended protocol runs both before its single Sync, so the client still sees one query
 * and one ReadyForQuery. The results are [BEGIN's, the statement's].
 */
export class BeginThenQuery extends (Query as unknown as new (config: object, values?: unknown[], callback?: (error: Error | null, result: QueryResult | QueryResult[]) => void) => object) {
  prepare(connection: Connection): void {
    connection.parse({ text: 'BEGIN', name: '', types: [] });
    connection.bind({ portal: '', statement: '', values: [] });
    connection.execute({ portal: '', rows: 0 });
    (Query.prototype as unknown as { prepare(c: Connection): void }).prepare.call(this, connection);
  }
}

/** The statement's own result from a BEGIN-prefixed query (the last, or the last ones for a multi-statement text). */
export function afterBegin(result: QueryResult | QueryResult[]): QueryResult | QueryResult[] {
  if (!Array.isArray(result)) return result;
  return result.length === 2 ? result[1] : result.slice(1);
}

/** The answer TypeORM gets for a BEGIN that is held back until the transaction's first statement. */
export function deferredResult(command: string): QueryResult {
  return { command, rowCount: null, oid: 0, fields: [], rows: [] } as unknown as QueryResult;
}
