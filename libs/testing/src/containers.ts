import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PostgreSqlContainer } from '@testcontainers/postgresql';
import { ApacheKafkaContainer, kafkaAddress } from './kafka-container';

/** The Kafka version tools/local runs; tools/local/kafka-version is its single source. */
export function kafkaVersion(): string {
  return readFileSync(join(__dirname, '../../../tools/local/kafka-version'), 'utf8').trim();
}

/** What `startContainers` starts, built without a Docker engine (its spec checks them). */
export function containerDefinitions() {
  return {
    kafka: new ApacheKafkaContainer(kafkaVersion()),
    postgres: new PostgreSqlContainer('postgres:15'),
  };
}

/** For developers with Docker (USE_TESTCONTAINERS=1): the same Kafka version as tools/local, and PostgreSQL 15. */
export async function startContainers(want: { kafka: boolean; postgres: boolean }): Promise<{ env: Record<string, string>; stop(): Promise<void> }> {
  const definitions = containerDefinitions();
  const [postgres, kafka] = await Promise.all([
    want.postgres ? definitions.postgres.start() : undefined,
    want.kafka ? definitions.kafka.start() : undefined,
  ]).catch((error) => {
    throw new Error(`could not start test containers (${String(error)}). Without Docker, run the tests through \`npm test\` (tools/test.sh starts the local Kafka) or set KAFKA_BROKERS and DATABASE_URL.`);
  });
  const env: Record<string, string> = {};
  if (postgres) env.DATABASE_URL = postgres.getConnectionUri();
  if (kafka) env.KAFKA_BROKERS = kafkaAddress(kafka);
  return { env, stop: async () => void (await Promise.all([postgres?.stop(), kafka?.stop()])) };
}
