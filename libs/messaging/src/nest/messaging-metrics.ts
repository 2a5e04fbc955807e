import { Admin, Kafka } from 'kafkajs';
import { Metrics } from '@askfirst/platform';
import { physicalTopic, TopicName } from '@askfirst/contracts';
import { GROUP_FALLBACK_REASONS, GroupFallbackReason, UNDECODABLE_TYPE } from '../consumer/event-consumer';
import { OutboxRelay } from '../outbox/outbox-relay';

/** Metric names are part of the operations contract (docs/operations.md, the Grafana dashboard). */
export const MessagingMetricNames = {
  outboxBacklog: 'askfirst_outbox_backlog',
  outboxOldestAge: 'askfirst_outbox_oldest_age_seconds',
  relayPublishing: 'askfirst_outbox_relay_publishing',
  published: 'askfirst_events_published_total',
  processed: 'askfirst_events_processed_total',
  deadLettered: 'askfirst_dlq_messages_total',
  consumerLag: 'askfirst_consumer_lag',
  transactionEvents: 'askfirst_consumer_transaction_events',
  groupFallbacks: 'askfirst_consumer_group_fallbacks_total',
  relayBatchEvents: 'askfirst_outbox_relay_batch_events',
} as const;

export interface LagSource {
  kafka: Kafka;
  groupId: () => string | undefined;
  topics: () => TopicName[];
  topicPrefix: string;
}

/** Registers the messaging metrics on the service's registry; gauges are read at scrape time. */
export function registerMessagingMetrics(metrics: Metrics, relay: OutboxRelay, lag: LagSource) {
  const published = metrics.counter({ name: MessagingMetricNames.published, help: 'Events relayed from the outbox to Kafka' });
  const processed = metrics.counter({ name: MessagingMetricNames.processed, help: 'Consumed events by outcome', labelNames: ['outcome', 'type'] });
  const deadLettered = metrics.counter({ name: MessagingMetricNames.deadLettered, help: 'Messages sent to a dead-letter topic', labelNames: ['type'] });
  const groupFallbacks = metrics.counter({
    name: MessagingMetricNames.groupFallbacks,
    help: 'Group transactions rolled back whose messages went again, by reason (lock-conflict, handler-failed, unattributed)',
    labelNames: ['reason'],
  });
  // A zero series per reason, so increase() sees the first fallback.
  for (const reason of GROUP_FALLBACK_REASONS) groupFallbacks.inc({ reason }, 0);
  const perTransaction = metrics.histogram({
    name: MessagingMetricNames.transactionEvents,
    help: 'Consumed events committed per database transaction (a busy consumer commits several at once)',
    buckets: [1, 2, 4, 8, 16, 32, 64, 100],
  });
  const perBatch = metrics.histogram({
    name: MessagingMetricNames.relayBatchEvents,
    help: 'Events per batch the outbox relay published (one select, one produce, one mark each)',
    buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256, 500],
  });
  metrics.gauge({
    name: MessagingMetricNames.outboxBacklog,
    help: 'Committed events not yet published',
    async collect() {
      this.set((await relay.backlog().catch(() => ({ count: -1 }))).count);
    },
  });
  metrics.gauge({
    name: MessagingMetricNames.outboxOldestAge,
    help: 'Age of the oldest unpublished outbox event',
    async collect() {
      this.set((await relay.backlog().catch(() => ({ oldestAgeSeconds: -1 }))).oldestAgeSeconds);
    },
  });
  metrics.gauge({
    name: MessagingMetricNames.relayPublishing,
    help: 'Whether this replica is the one publishing its database\'s outbox (1) or not (0)',
    collect() {
      this.set(relay.publishing ? 1 : 0);
    },
  });
  let admin: Admin | undefined;
  let closed = false;
  metrics.gauge({
    name: MessagingMetricNames.consumerLag,
    help: 'Messages behind the end of each topic for this service\'s consumer group',
    labelNames: ['topic'],
    async collect() {
      const groupId = lag.groupId();
      if (!groupId || closed) return;
      try {
        // One admin connection for the process, opened at the first scrape and reopened after an error.
        admin ??= lag.kafka.admin();
        await admin.connect();
        for (const logical of lag.topics()) {
          const topic = physicalTopic(logical, lag.topicPrefix);
          const [ends, committed] = await Promise.all([admin.fetchTopicOffsets(topic), admin.fetchOffsets({ groupId, topics: [topic] })]);
          const done = new Map(committed[0]?.partitions.map((p) => [p.partition, Number(p.offset)]) ?? []);
          const behind = ends.reduce((sum, p) => sum + Math.max(0, Number(p.high) - Math.max(0, done.get(p.partition) ?? 0)), 0);
          this.set({ topic: logical }, behind);
        }
      } catch {
        /* the broker is down: readiness reports it; keep the last value */
        const broken = admin;
        admin = undefined;
        await broken?.disconnect().catch(() => undefined);
      }
      // Closed while this scrape was connecting: do not leave the connection behind.
      if (closed) await admin?.disconnect().catch(() => undefined);
    },
  });
  return {
    /** At subscription: a zero series for every type this consumer could dead-letter, so increase() sees the first one. */
    onSubscribed: (eventTypes: string[]) => {
      for (const type of [...eventTypes, UNDECODABLE_TYPE]) deadLettered.inc({ type }, 0);
    },
    onPublished: (n: number) => {
      published.inc(n);
      perBatch.observe(n);
    },
    onProcessed: (outcome: string, type: string) => {
      processed.inc({ outcome, type });
      if (outcome === 'dead-lettered') deadLettered.inc({ type });
    },
    onCommitted: (messages: number) => perTransaction.observe(messages),
    onGroupFallback: (reason: GroupFallbackReason) => groupFallbacks.inc({ reason }),
    /** On shutdown: the lag gauge's admin connection. */
    close: async () => {
      closed = true;
      await admin?.disconnect().catch(() => undefined);
    },
  };
}
