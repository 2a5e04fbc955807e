import type { Logger as PinoLogger } from 'pino';
import type { EventEnvelope } from '@askfirst/contracts';

/** The small logging surface the messaging lib needs; MessagingModule backs it with the service's pino logger. */
export interface MessagingLogger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export const silentLogger: MessagingLogger = { info() {}, warn() {}, error() {} };

/** The service's own JSON lines (`service`, the correlation id of the work in progress), with `context: "Messaging"`. */
export function pinoMessagingLogger(pino: PinoLogger): MessagingLogger {
  const child = pino.child({ context: 'Messaging' });
  return {
    info: (msg, fields) => child.info(fields ?? {}, msg),
    warn: (msg, fields) => child.warn(fields ?? {}, msg),
    error: (msg, fields) => child.error(fields ?? {}, msg),
  };
}

/** What ties a consumer-side line to its event and to the story it belongs to. */
export function eventLogFields(envelope: EventEnvelope): Record<string, unknown> {
  return { type: envelope.type, eventId: envelope.id, correlationId: envelope.correlationId, orderId: envelope.subject };
}

const LEVELS = ['info', 'warn', 'error', 'silent'];

/** Without a Nest app (scripts, tests): JSON lines on stdout in the same shape; honours LOG_LEVEL. */
export const consoleJsonLogger = (component: string, minLevel = process.env.LOG_LEVEL ?? 'info'): MessagingLogger => {
  const floor = Math.max(0, LEVELS.indexOf(minLevel === 'debug' || minLevel === 'trace' ? 'info' : minLevel));
  const write = (level: string) => (msg: string, fields?: Record<string, unknown>) => {
    if (LEVELS.indexOf(level) < floor) return;
    process.stdout.write(`${JSON.stringify({ level, time: new Date().toISOString(), component, msg, ...fields })}\n`);
  };
  return { info: write('info'), warn: write('warn'), error: write('error') };
};
