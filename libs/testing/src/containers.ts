/** For developers with Docker: the same Kafka version as tools/local and PostgreSQL 15 in containers. */
export async function startContainers(want: { kafka: boolean; postgres: boolean }): Promise<{ env: Record<string, string>; stop(): Promise<void> }> {
  const env: Record<string, string> = {};
  const stops: (() => Promise<unknown>)[] = [];
  if (want.postgres) {
    const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
    const pg = await new PostgreSqlContainer('postgres:15').start();
    env.DATABASE_URL = pg.getConnectionUri();
    stops.push(() => pg.stop());
  }
  if (want.kafka) {
    const { KafkaContainer } = await import('@testcontainers/kafka');
    const { readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const version = readFileSync(join(__dirname, '../../../tools/local/kafka-version'), 'utf8').trim();
    const kafka = await new KafkaContainer(`apache/kafka:${version}`).withKraft().start();
    env.KAFKA_BROKERS = `${kafka.getHost()}:${kafka.getMappedPort(9093)}`;
    stops.push(() => kafka.stop());
  }
  return { env, stop: async () => void (await Promise.all(stops.map((s) => s()))) };
}
