import type { LoggerService } from '@nestjs/common';
import pino, { type DestinationStream, type Logger as PinoLogger } from 'pino';
import { RequestContext } from './request-context';

export interface LoggerOptions {
  service: string;
  // Defaults to LOG_LEVEL, then "info". "silent" turns logging off (tests).
  level?: string;
  destination?: DestinationStream;
}

export function createPinoLogger(options: LoggerOptions): PinoLogger {
  return pino(
    {
      level: options.level ?? process.env.LOG_LEVEL ?? 'info',
      base: { service: options.service },
      messageKey: 'msg',
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      mixin: () => {
        const correlationId = RequestContext.correlationId();
        return correlationId ? { correlationId } : {};
      },
    },
    options.destination ?? pino.destination({ dest: 1, sync: true }),
  );
}

const STACK_LINE = /\n\s+at /;

// NestJS LoggerService over pino: one JSON line per entry with service, level, msg, correlationId,
// and Nest's context (the class that logged). Install with app.useLogger().
export class PinoLoggerService implements LoggerService {
  readonly pino: PinoLogger;

  constructor(options: LoggerOptions | PinoLogger) {
    this.pino = 'service' in options ? createPinoLogger(options) : options;
  }

  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params);
  }
  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }
  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }
  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }
  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  // Nest calls (message, context) and error(message, stack, context); the last string is the context.
  private write(level: pino.Level, message: unknown, params: unknown[]): void {
    if (!this.pino.isLevelEnabled(level)) return;
    const rest = [...params];
    const context = rest.length > 0 && typeof rest[rest.length - 1] === 'string' ? (rest.pop() as string) : undefined;
    const fields: Record<string, unknown> = context ? { context } : {};
    for (const extra of rest) {
      if (typeof extra === 'string' && STACK_LINE.test(extra)) fields.stack = extra;
      else if (extra instanceof Error) fields.err = extra;
      else if (extra !== undefined) fields.extra = extra;
    }
    // error(msg, context) with a stack-looking "context" is really error(msg, stack).
    if (context && level === 'error' && STACK_LINE.test(context)) {
      delete fields.context;
      fields.stack = context;
    }
    if (message instanceof Error) {
      this.pino[level]({ ...fields, err: message }, message.message);
    } else if (typeof message === 'object' && message !== null) {
      const { msg, ...object } = message as Record<string, unknown>;
      this.pino[level]({ ...fields, ...object }, typeof msg === 'string' ? msg : undefined);
    } else {
      this.pino[level](fields, String(message));
    }
  }
}
