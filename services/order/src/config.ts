import { MessagingConfig, messagingConfigFromEnv } from '@askfirst/messaging';
import { ConfigError, createEnv, EnvSource } from '@askfirst/platform';
import { OrderRules } from './domain/order.aggregate';

export interface OrderServiceConfig {
  port: number;
  databaseUrl: string;
  databasePoolSize: number;
  /** Parameterised statements run as prepared statements (off for a pooler that cannot keep them). */
  databasePreparedStatements: boolean;
  messaging: MessagingConfig;
  rules: OrderRules;
  /** How often the durable scheduler looks for passed decision deadlines. */
  deadlinePollMs: number;
  /** Decisions and cancellations per shopper per minute. */
  decisionRateLimitPerMinute: number;
  /** POST /orders answers 503 while this many orders wait for inventory's answer (0: never). */
  admissionLimit: number;
  /** Orders whose last saved rows are kept, so a locked load of an unchanged one reads only its row's xmin (0: none). */
  recentOrders: number;
}

export function loadConfig(source: EnvSource = process.env): OrderServiceConfig {
  const env = createEnv(source);
  return {
    port: env.int('PORT', { default: 3001, min: 0, max: 65535 }),
    databaseUrl: env.url('DATABASE_URL', { default: 'postgres://postgres@127.0.0.1:5432/askfirst_order', protocols: ['postgres:', 'postgresql:'] }),
    databasePoolSize: env.int('DATABASE_POOL_SIZE', { default: 5, min: 1, max: 200 }),
    databasePreparedStatements: env.bool('DATABASE_PREPARED_STATEMENTS', { default: true }),
    messaging: messagingConfigFromEnv('order', source as NodeJS.ProcessEnv),
    rules: {
      decisionWindowScale: windowScale(env.optional('ORDER_DECISION_WINDOW_SCALE')),
      holdReviewMinutes: env.int('ORDER_HOLD_REVIEW_MINUTES', { default: 60, min: 1, max: 7 * 24 * 60 }),
    },
    deadlinePollMs: env.int('ORDER_DEADLINE_POLL_MS', { default: 500, min: 10, max: 60_000 }),
    decisionRateLimitPerMinute: env.int('ORDER_DECISION_RATE_LIMIT', { default: 20, min: 1, max: 10_000 }),
    admissionLimit: env.int('ORDER_ADMISSION_LIMIT', { default: 100, min: 0, max: 1_000_000 }),
    recentOrders: env.int('ORDER_RECENT_ORDERS', { default: 2_000, min: 0, max: 1_000_000 }),
  };
}

// Tests shrink CONTACT_ME windows (0.001 turns a minute into 60 ms); production leaves it at 1.
function windowScale(raw: string | undefined): number {
  if (raw === undefined) return 1;
  const scale = Number(raw);
  if (!Number.isFinite(scale) || scale <= 0 || scale > 1) throw new ConfigError('ORDER_DECISION_WINDOW_SCALE', `must be a number in (0, 1], got "${raw}"`);
  return scale;
}
