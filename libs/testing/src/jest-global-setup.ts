import { testRunId } from './infrastructure';

/**
 * Runs once per Jest run, before the workers start. Uses KAFKA_BROKERS / DATABASE_URL when set;
 * otherwise starts Kafka and PostgreSQL with testcontainers (needs a Docker engine: USE_TESTCONTAINERS=1
 * makes tools/test.sh leave both unset).
 */
export default async function globalSetup(): Promise<void> {
  testRunId();
  if (process.env.KAFKA_BROKERS && process.env.DATABASE_URL) return;
  // Loaded only here, so the usual run (local Kafka) does not spend ~0.7 s loading testcontainers;
  // require, because import() of a relative path would need a file extension under nodenext.
  const { startContainers }: typeof import('./containers') = require('./containers');
  const started = await startContainers({ kafka: !process.env.KAFKA_BROKERS, postgres: !process.env.DATABASE_URL });
  Object.assign(process.env, started.env);
  (globalThis as { __askfirstContainers?: unknown }).__askfirstContainers = started;
}
