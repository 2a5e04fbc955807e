import { MessagingConfig, messagingConfigFromEnv } from '@askfirst/messaging';
import { createEnv, EnvSource } from '@askfirst/platform';

export interface OrderServiceConfig {
  port: number;
  databaseUrl: string;
  databasePoolSize: number;
  messaging: MessagingConfig;
}

export function loadConfig(source: EnvSource = process.env): OrderServiceConfig {
  const env = createEnv(source);
  return {
    port: env.int('PORT', { default: 3001, min: 0, max: 65535 }),
    databaseUrl: env.url('DATABASE_URL', { default: 'postgres://postgres@127.0.0.1:5432/askfirst_order', protocols: ['postgres:', 'postgresql:'] }),
    databasePoolSize: env.int('DATABASE_POOL_SIZE', { default: 20, min: 1, max: 200 }),
    messaging: messagingConfigFromEnv('order', source as NodeJS.ProcessEnv),
  };
}
