import { Admin, Kafka } from 'kafkajs';
import { ALL_TOPICS, deadLetterTopicOf, physicalTopic } from '@askfirst/contracts';

export interface TopicLayout {
  topicPrefix?: string;
  partitions?: number;
  replicationFactor?: number;
}

// Large enough that an oversized poison message can still reach its consumer and the DLQ.
const MAX_MESSAGE_BYTES = String(5 * 1024 * 1024);

/** Creates every askfirst topic and its dead-letter topic if missing; safe to call from every service at start. */
export async function ensureTopics(kafka: Kafka, layout: TopicLayout = {}): Promise<string[]> {
  const prefix = layout.topicPrefix ?? '';
  const wanted = ALL_TOPICS.flatMap((t) => [physicalTopic(t, prefix), physicalTopic(deadLetterTopicOf(t), prefix)]);
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = wanted.filter((t) => !existing.has(t));
    if (missing.length) {
      await admin.createTopics({
        waitForLeaders: false,
        topics: missing.map((topic) => ({
          topic,
          numPartitions: layout.partitions ?? 3,
          replicationFactor: layout.replicationFactor ?? 1,
          configEntries: [{ name: 'max.message.bytes', value: MAX_MESSAGE_BYTES }],
        })),
      }).catch((error: { type?: string }) => {
        // Another service created them between our list and create: fine.
        if (error?.type !== 'TOPIC_ALREADY_EXISTS') throw error;
      });
    }
    await waitForLeaders(admin, wanted);
    return missing;
  } finally {
    await admin.disconnect();
  }
}

// kafkajs's own waitForLeaders gives up on UNKNOWN_TOPIC_OR_PARTITION while a busy broker is still
// creating the partitions; poll metadata ourselves until every partition has a leader.
async function waitForLeaders(admin: Admin, topics: string[], timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const { topics: meta } = await admin.fetchTopicMetadata({ topics });
      if (meta.length === topics.length && meta.every((t) => t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0))) return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
    }
    if (Date.now() > deadline) throw new Error(`topics have no leader after ${timeoutMs} ms: ${topics.join(', ')}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * Readiness: the broker answers a metadata request. One try, no retries: a probe answers now, and a
 * retrying admin would keep reconnecting in the background after the probe has said 503. `kafka`
 * must be a client made with `retries: 0` (createKafka): kafkajs connects an admin with its
 * client's retries whatever the admin's own `retry` says, and a probe on the services' client kept
 * reconnecting for ≈ 25 s after every 503.
 */
export async function pingKafka(kafka: Kafka): Promise<void> {
  const admin = kafka.admin({ retry: { retries: 0 } });
  try {
    await admin.connect();
    await admin.describeCluster();
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}
