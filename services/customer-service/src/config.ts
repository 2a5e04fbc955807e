import { CaseType } from '@askfirst/contracts';
import { MessagingConfig, messagingConfigFromEnv } from '@askfirst/messaging';
import { createEnv, EnvSource } from '@askfirst/platform';
import { DEFAULT_SLA_SECONDS, SlaSeconds } from './domain/sla-policy';

export interface CustomerServiceServiceConfig {
  port: number;
  databaseUrl: string;
  databasePoolSize: number;
  /** Parameterised statements run as prepared statements (off for a pooler that cannot keep them). */
  databasePreparedStatements: boolean;
  messaging: MessagingConfig;
  /** First-human-contact deadline per case type: SLA_<CASE_TYPE>_SECONDS. */
  slaSeconds: SlaSeconds;
  /** How often the durable SLA scheduler polls for due cases. */
  slaPollMs: number;
}

const DAY_SECONDS = 24 * 3600;

export function loadConfig(source: EnvSource = process.env): CustomerServiceServiceConfig {
  const env = createEnv(source);
  const slaSeconds = Object.fromEntries(
    Object.values(CaseType).map((type) => [type, env.int(`SLA_${type}_SECONDS`, { default: DEFAULT_SLA_SECONDS[type], min: 1, max: DAY_SECONDS })]),
  ) as SlaSeconds;
  return {
    port: env.int('PORT', { default: 3004, min: 0, max: 65535 }),
    databaseUrl: env.url('DATABASE_URL', { default: 'postgres://postgres@127.0.0.1:5432/askfirst_customer_service', protocols: ['postgres:', 'postgresql:'] }),
    databasePoolSize: env.int('DATABASE_POOL_SIZE', { default: 5, min: 1, max: 200 }),
    databasePreparedStatements: env.bool('DATABASE_PREPARED_STATEMENTS', { default: true }),
    messaging: messagingConfigFromEnv('customer-service', source as NodeJS.ProcessEnv),
    slaSeconds,
    slaPollMs: env.int('SLA_POLL_MS', { default: 500, min: 50, max: 60_000 }),
  };
}
