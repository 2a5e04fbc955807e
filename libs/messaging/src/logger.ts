/** The small logging surface the messaging lib needs; services pass their pino-backed logger. */
export interface MessagingLogger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export const silentLogger: MessagingLogger = { info() {}, warn() {}, error() {} };

export const consoleJsonLogger = (component: string): MessagingLogger => {
  const write = (level: string) => (msg: string, fields?: Record<string, unknown>) =>
    process.stdout.write(`${JSON.stringify({ level, time: new Date().toISOString(), component, msg, ...fields })}\n`);
  return { info: write('info'), warn: write('warn'), error: write('error') };
};
