import { dropRunDatabases, runTopicPrefix, testRunId } from './infrastructure';
import { deleteTopicsWithPrefix } from './kafka-admin';

/**
 * Removes what this run created — its databases, and its topics and consumer groups (all named
 * with this run's id, so concurrent runs on the shared broker keep theirs) — unless
 * KEEP_TEST_DATABASES=1 asks to keep them for debugging; then stops any containers.
 */
export default async function globalTeardown(): Promise<void> {
  if (process.env.KEEP_TEST_DATABASES !== '1') {
    const runId = testRunId();
    await dropRunDatabases(runId).catch((error) => warn('databases', error));
    const brokers = process.env.KAFKA_BROKERS?.split(',');
    if (brokers) await deleteTopicsWithPrefix(brokers, runTopicPrefix(runId)).catch((error) => warn('topics', error));
  }
  const started = (globalThis as { __askfirstContainers?: { stop(): Promise<void> } }).__askfirstContainers;
  await started?.stop();
}

function warn(what: string, error: unknown): void {
  process.stderr.write(`test teardown: could not remove this run's ${what}: ${String(error)}\n`);
}
