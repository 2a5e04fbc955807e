import { DynamicModule, INestApplication } from '@nestjs/common';
import { createServiceApp, DEV_JWT_SECRET, mintToken, Role } from '@askfirst/platform';
import { createTestDatabase, testInfrastructure, uniqueTopicPrefix } from './infrastructure';

export interface ServiceTestEnv {
  /** Environment for a service's `loadConfig`: its own database, this run's topics, port 0. */
  env: Record<string, string>;
  databaseUrl: string;
  topicPrefix: string;
  dropDatabase: () => Promise<void>;
}

/** A fresh database and (unless shared) a fresh topic prefix for one service under test. */
export async function serviceTestEnv(label: string, shared: { topicPrefix?: string } = {}): Promise<ServiceTestEnv> {
  const { kafkaBrokers } = testInfrastructure();
  const db = await createTestDatabase(label);
  const topicPrefix = shared.topicPrefix ?? uniqueTopicPrefix(label);
  return {
    env: {
      ...(process.env as Record<string, string>),
      DATABASE_URL: db.url,
      KAFKA_BROKERS: kafkaBrokers.join(','),
      KAFKA_TOPIC_PREFIX: topicPrefix,
      PORT: '0',
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
      // Several services and test files share one PostgreSQL (max_connections 100) during a run.
      DATABASE_POOL_SIZE: process.env.TEST_DATABASE_POOL_SIZE ?? '5',
    },
    databaseUrl: db.url,
    topicPrefix,
    dropDatabase: db.drop,
  };
}

export interface RunningTestApp {
  app: INestApplication;
  url: string;
  close(): Promise<void>;
}

/** Boots a service's AppModule exactly as main.ts does, on a random loopback port. */
export async function startTestApp(name: string, module: DynamicModule, options: { acceptForms?: boolean } = {}): Promise<RunningTestApp> {
  const app = await createServiceApp(module, { name, acceptForms: options.acceptForms });
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  return { app, url: `http://127.0.0.1:${address.port}`, close: () => app.close() };
}

/** Bearer tokens for tests, signed with the development secret the services use outside production. */
export const testTokens = {
  shopper: (shopperId: string) => token(shopperId, 'shopper', { shopperId }),
  agent: (agentId = 'agent-1') => token(agentId, 'agent', { agentId }),
  supervisor: (agentId = 'supervisor-1') => token(agentId, 'supervisor', { agentId }),
  service: (name: string) => token(name, 'service'),
};

function token(sub: string, role: Role, extra: { shopperId?: string; agentId?: string } = {}): Promise<string> {
  return mintToken({ sub, role, ...extra }, process.env.JWT_SECRET ?? DEV_JWT_SECRET, '1h');
}
