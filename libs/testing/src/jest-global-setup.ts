import { startContainers } from './containers';
import { testRunId } from './infrastructure';

/**
 * Runs once per Jest run, before the workers start. Uses KAFKA_BROKERS / DATABASE_URL when set;
 * otherwise starts Kafka and PostgreSQL with testcontainers (needs a Docker engine).
 */
export default async function globalSetup(): Promise<void> {
  testRunId();
  if (process.env.KAFKA_BROKERS && process.env.DATABASE_URL) return;
  const started = await startContainers({ kafka: !process.env.KAFKA_BROKERS, postgres: !process.env.DATABASE_URL });
  Object.assign(process.env, started.env);
  (globalThis as { __askfirstContainers?: unknown }).__askfirstContainers = started;
}
