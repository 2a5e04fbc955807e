import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/**
 * Where tests find Kafka and PostgreSQL: KAFKA_BROKERS and DATABASE_URL when set (the local tool and
 * CI set them); otherwise the Jest global setup started testcontainers and exported the same variables.
 */
export function testInfrastructure(): { kafkaBrokers: string[]; databaseUrl: string; runId: string } {
  const brokers = process.env.KAFKA_BROKERS;
  const databaseUrl = process.env.DATABASE_URL;
  if (!brokers || !databaseUrl) {
    throw new Error('KAFKA_BROKERS and DATABASE_URL are not set: run tests through `npm test` (its global setup provides them)');
  }
  return { kafkaBrokers: brokers.split(','), databaseUrl, runId: testRunId() };
}

export function testRunId(): string {
  process.env.TEST_RUN_ID ??= `r${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
  return process.env.TEST_RUN_ID;
}

/** Every topic and consumer group of this run starts with it; the global teardown deletes them by it. */
export function runTopicPrefix(runId = testRunId()): string {
  return `test.${runId}.`;
}

/** A topic and consumer-group prefix of its own for one test file, so parallel runs never meet. */
export function uniqueTopicPrefix(label: string): string {
  return `${runTopicPrefix()}${label}.${randomBytes(3).toString('hex')}.`;
}

function databaseUrlFor(base: string, name: string): string {
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Creates a fresh database for one test file and returns its URL; `drop()` removes it. */
export async function createTestDatabase(label: string): Promise<{ url: string; name: string; drop: () => Promise<void> }> {
  const { databaseUrl, runId } = testInfrastructure();
  const name = `af_${runId}_${label.replace(/[^a-z0-9]/gi, '_').toLowerCase()}_${randomBytes(3).toString('hex')}`.slice(0, 63);
  const admin = new Client({ connectionString: databaseUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  return { url: databaseUrlFor(databaseUrl, name), name, drop: () => dropDatabase(databaseUrl, name) };
}

async function dropDatabase(databaseUrl: string, name: string): Promise<void> {
  const admin = new Client({ connectionString: databaseUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

/** Global teardown: drop every database this run created, even those of a crashed test file. */
export async function dropRunDatabases(runId: string): Promise<void> {
  const { databaseUrl } = testInfrastructure();
  const admin = new Client({ connectionString: databaseUrl });
  await admin.connect();
  try {
    const { rows } = await admin.query(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [`af_${runId}_%`]);
    for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}
