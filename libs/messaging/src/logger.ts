/** The small logging surface the messaging lib needs; services pass their pino-backed logger. */
export interface MessagingLogger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export const silentLogger: MessagingLogger = { info() {}, warn() {}, error() {} };

const LEVELS = ['info', 'warn', 'error', 'silent'];

/** JSON lines on stdout, same shape as the services' pino logs; honours LOG_LEVEL. */
export const consoleJsonLogger = (component: string, minLevel = process.env.LOG_LEVEL ?? 'info'): MessagingLogger => {
  const floor = Math.max(0, LEVELS.indexOf(minLevel === 'debug' || minLevel === 'trace' ? 'info' : minLevel));
  const write = (level: string) => (msg: string, fields?: Record<string, unknown>) => {
    if (LEVELS.indexOf(level) < floor) return;
    process.stdout.write(`${JSON.stringify({ level, time: new Date().toISOString(), component, msg, ...fields })}\n`);
  };
  return { info: write('info'), warn: write('warn'), error: write('error') };
};
