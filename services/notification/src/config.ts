import { MessagingConfig, messagingConfigFromEnv } from '@askfirst/messaging';
import { createEnv, DEV_DECISION_LINK_SECRET, DEV_JWT_SECRET, DEV_WEBHOOK_SIGNING_SECRET, EnvSource } from '@askfirst/platform';

export interface SmtpConfig {
  host: string;
  port: number;
  secure: boolean;
  user?: string;
  pass?: string;
  from: string;
}

export interface DeliveryConfig {
  /** Rounds (each walks the shopper's channels in fallback order) before the notice is FAILED. */
  maxAttempts: number;
  /** First retry delay; doubles each round. */
  backoffMs: number;
  /** After FAILED, a slow re-delivery keeps trying at this interval. */
  redeliveryMs: number;
  pollMs: number;
  /** Per channel attempt: a provider that hangs longer is a failed attempt. */
  attemptTimeoutMs: number;
  /** Notices delivered at the same time by one replica. */
  concurrency: number;
}

export interface NotificationServiceConfig {
  port: number;
  databaseUrl: string;
  databasePoolSize: number;
  /** Parameterised statements run as prepared statements (off for a pooler that cannot keep them). */
  databasePreparedStatements: boolean;
  messaging: MessagingConfig;
  smtp: SmtpConfig;
  sms: { url?: string; key?: string };
  webhookSigningSecret: string;
  /** Whether shoppers may register webhooks on loopback/private hosts (tests, local demo); off in production. */
  webhookAllowPrivateHosts: boolean;
  decisionLinkSecret: string;
  /** Signs the service token used to call the order service. */
  jwtSecret: string;
  orderUrl: string;
  publicBaseUrl: string;
  delivery: DeliveryConfig;
}

export function loadConfig(source: EnvSource = process.env): NotificationServiceConfig {
  const env = createEnv(source);
  return {
    port: env.int('PORT', { default: 3003, min: 0, max: 65535 }),
    databaseUrl: env.url('DATABASE_URL', { default: 'postgres://postgres@127.0.0.1:5432/askfirst_notification', protocols: ['postgres:', 'postgresql:'] }),
    databasePoolSize: env.int('DATABASE_POOL_SIZE', { default: 5, min: 1, max: 200 }),
    databasePreparedStatements: env.bool('DATABASE_PREPARED_STATEMENTS', { default: true }),
    messaging: messagingConfigFromEnv('notification', source as NodeJS.ProcessEnv),
    smtp: {
      host: env.string('SMTP_HOST', { default: '127.0.0.1' }),
      port: env.int('SMTP_PORT', { default: 1025, min: 1, max: 65535 }),
      secure: env.bool('SMTP_SECURE', { default: false }),
      user: env.optional('SMTP_USER'),
      pass: env.optional('SMTP_PASS'),
      from: env.string('SMTP_FROM', { default: 'askfirst <notices@askfirst.local>' }),
    },
    sms: {
      url: env.optional('SMS_PROVIDER_URL') === undefined ? undefined : env.url('SMS_PROVIDER_URL', { protocols: ['http:', 'https:'] }),
      key: env.optional('SMS_PROVIDER_KEY'),
    },
    webhookSigningSecret: env.string('WEBHOOK_SIGNING_SECRET', { default: DEV_WEBHOOK_SIGNING_SECRET, secret: true }),
    webhookAllowPrivateHosts: env.bool('WEBHOOK_ALLOW_PRIVATE_HOSTS', { default: !env.isProduction() }),
    decisionLinkSecret: env.string('DECISION_LINK_SECRET', { default: DEV_DECISION_LINK_SECRET, secret: true }),
    jwtSecret: env.string('JWT_SECRET', { default: DEV_JWT_SECRET, secret: true }),
    orderUrl: env.url('ORDER_URL', { default: 'http://127.0.0.1:3001', protocols: ['http:', 'https:'] }).replace(/\/+$/, ''),
    publicBaseUrl: env.url('PUBLIC_BASE_URL', { default: 'http://127.0.0.1:3003', protocols: ['http:', 'https:'] }).replace(/\/+$/, ''),
    delivery: {
      maxAttempts: env.int('NOTIFY_MAX_ATTEMPTS', { default: 5, min: 1, max: 50 }),
      backoffMs: env.int('NOTIFY_BACKOFF_MS', { default: 500, min: 1, max: 3_600_000 }),
      redeliveryMs: env.int('NOTIFY_REDELIVERY_MS', { default: 300_000, min: 10, max: 86_400_000 }),
      pollMs: env.int('NOTIFY_DISPATCH_POLL_MS', { default: 250, min: 10, max: 60_000 }),
      attemptTimeoutMs: env.int('NOTIFY_ATTEMPT_TIMEOUT_MS', { default: 5_000, min: 50, max: 120_000 }),
      concurrency: env.int('NOTIFY_DISPATCH_CONCURRENCY', { default: 8, min: 1, max: 100 }),
    },
  };
}

/** Nest injection token for the loaded NotificationServiceConfig. */
export const NOTIFICATION_CONFIG = Symbol('NOTIFICATION_CONFIG');
