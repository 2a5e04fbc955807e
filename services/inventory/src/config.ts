import { MessagingConfig, messagingConfigFromEnv } from '@askfirst/messaging';
import { createEnv, EnvSource } from '@askfirst/platform';

export interface InventoryServiceConfig {
  port: number;
  databaseUrl: string;
  databasePoolSize: number;
  /** Parameterised statements run as prepared statements (off for a pooler that cannot keep them). */
  databasePreparedStatements: boolean;
  messaging: MessagingConfig;
}

export function loadConfig(source: EnvSource = process.env): InventoryServiceConfig {
  const env = createEnv(source);
  return {
    port: env.int('PORT', { default: 3002, min: 0, max: 65535 }),
    databaseUrl: env.url('DATABASE_URL', { default: 'postgres://postgres@127.0.0.1:5432/askfirst_inventory', protocols: ['postgres:', 'postgresql:'] }),
    databasePoolSize: env.int('DATABASE_POOL_SIZE', { default: 5, min: 1, max: 200 }),
    databasePreparedStatements: env.bool('DATABASE_PREPARED_STATEMENTS', { default: true }),
    messaging: messagingConfigFromEnv('inventory', source as NodeJS.ProcessEnv),
  };
}
