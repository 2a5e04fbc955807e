import { Admin, Kafka, logLevel } from 'kafkajs';

/**
 * A short-lived, quiet kafkajs admin for test infrastructure (broker readiness, clean-up). Plain
 * kafkajs, not @askfirst/messaging: Jest loads the global setup and teardown without the
 * workspace's module mapping.
 */
export async function withKafkaAdmin<T>(brokers: string[], use: (admin: Admin) => Promise<T>, options: { retries?: number } = {}): Promise<T> {
  const kafka = new Kafka({ clientId: 'askfirst-test-infrastructure', brokers, logLevel: logLevel.NOTHING, connectionTimeout: 2_000, retry: { retries: options.retries ?? 3 } });
  const admin = kafka.admin();
  const restoreWarnings = muteNegativeTimeoutWarning();
  try {
    await admin.connect();
    return await use(admin);
  } finally {
    await admin.disconnect().catch(() => undefined);
    restoreWarnings();
  }
}

// kafkajs 2.2.4's request queue arms a negative timeout when idle (Node 22+ warns). Services load
// @askfirst/messaging, which replaces that method (kafka/request-queue-fix.ts); this short-lived
// admin does not, so keep that one warning out of the global setup's and teardown's output.
function muteNegativeTimeoutWarning(): () => void {
  const emit = process.emitWarning;
  process.emitWarning = ((warning: string | Error, type?: unknown, ...rest: unknown[]) => {
    if ((typeof type === 'string' ? type : (type as { type?: string } | undefined)?.type) === 'TimeoutNegativeWarning') return;
    return (emit as (...args: unknown[]) => void).call(process, warning, type, ...rest);
  }) as typeof process.emitWarning;
  return () => {
    process.emitWarning = emit;
  };
}

/**
 * Until the broker answers through its advertised address: listGroups asks every broker by the
 * address the cluster metadata gives, not only the bootstrap one.
 */
export async function waitForKafka(brokers: string[], timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await withKafkaAdmin(brokers, (admin) => admin.listGroups(), { retries: 0 });
      return;
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`Kafka at ${brokers.join(',')} not ready after ${timeoutMs} ms: ${String(error)}`);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** Deletes the topics and consumer groups whose names start with `prefix` (one test run's). */
export async function deleteTopicsWithPrefix(brokers: string[], prefix: string): Promise<{ topics: number; groups: number }> {
  if (!prefix) throw new Error('refusing to delete topics without a prefix');
  return withKafkaAdmin(brokers, async (admin) => {
    // Groups first, while their offsets still exist. One that still has members (a leaked consumer)
    // cannot be deleted; the broker drops it once it is empty and its topics are gone.
    const groups = (await admin.listGroups()).groups.map((g) => g.groupId).filter((g) => g.startsWith(prefix));
    if (groups.length) await admin.deleteGroups(groups).catch(() => undefined);
    const topics = (await admin.listTopics()).filter((t) => t.startsWith(prefix));
    if (topics.length) await admin.deleteTopics({ topics, timeout: 60_000 });
    return { topics: topics.length, groups: groups.length };
  });
}
