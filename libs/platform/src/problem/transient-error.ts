/**
 * Errors that say "the database (or the network to it) is not there right now", not "this message
 * is bad": a connection refused or cut, PostgreSQL shutting down, starting up or out of connections.
 * The consumer keeps retrying these and never dead-letters the message for them — a dead letter
 * would lose a good event for as long as the outage lasts (docs/faults.md, F1).
 */
const PG_TRANSIENT_CLASSES = /^(08|53|57P|58)/; // connection exception, insufficient resources, operator intervention, system error
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'ENOTFOUND']);
const MESSAGES = /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|terminating connection|the database system is (starting up|shutting down|in recovery mode|not yet accepting connections)/i;

export function isTransientInfrastructureError(error: unknown): boolean {
  for (let e = error as { code?: unknown; driverError?: unknown; cause?: unknown; message?: unknown } | undefined, depth = 0; e && depth < 4; depth++) {
    if (typeof e.code === 'string' && (NETWORK_CODES.has(e.code) || PG_TRANSIENT_CLASSES.test(e.code))) return true;
    if (typeof e.message === 'string' && MESSAGES.test(e.message)) return true;
    e = (e.driverError ?? e.cause) as typeof e;
  }
  return false;
}
