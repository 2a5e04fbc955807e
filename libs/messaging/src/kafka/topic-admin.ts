import { Kafka } from 'kafkajs';
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
        waitForLeaders: true,
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
    return missing;
  } finally {
    await admin.disconnect();
  }
}

/** Readiness: the broker answers a metadata request. */
export async function pingKafka(kafka: Kafka): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.describeCluster();
  } finally {
    await admin.disconnect();
  }
}
