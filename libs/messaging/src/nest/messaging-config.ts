import { SourceService } from '@askfirst/contracts';
import { parseBrokers } from '../kafka/kafka-factory';

export interface MessagingConfig {
  service: SourceService;
  brokers: string[];
  /** Empty in production; test runs use their own prefix so they never see each other's messages. */
  topicPrefix: string;
  partitions: number;
  replicationFactor: number;
  consumerConcurrency: number;
  relayPollIntervalMs: number;
  /** While the relay is busy, its cycles start at least this far apart, so one produce carries several commits' events. */
  relayLingerMs: number;
  /** While busy, a consumer's fetches start at least this far apart, so one transaction takes several commits' events. */
  consumerFetchLingerMs: number;
  maxAttempts: number;
  /** Kafka group session timeout; a consumer silent for longer is considered dead and its partitions move. */
  sessionTimeoutMs: number;
  /** Several consumed events per transaction when a batch is busy (docs/benchmark.md); CONSUMER_GROUP_COMMIT=false turns it off. */
  groupCommit: boolean;
}

export function messagingConfigFromEnv(service: SourceService, env: NodeJS.ProcessEnv = process.env): MessagingConfig {
  return {
    service,
    brokers: parseBrokers(env.KAFKA_BROKERS),
    topicPrefix: env.KAFKA_TOPIC_PREFIX ?? '',
    partitions: Number(env.KAFKA_PARTITIONS ?? 3),
    replicationFactor: Number(env.KAFKA_REPLICATION_FACTOR ?? 1),
    consumerConcurrency: Number(env.CONSUMER_CONCURRENCY ?? 8),
    relayPollIntervalMs: Number(env.OUTBOX_POLL_INTERVAL_MS ?? 500),
    relayLingerMs: Number(env.OUTBOX_RELAY_LINGER_MS ?? 10),
    consumerFetchLingerMs: Number(env.CONSUMER_FETCH_LINGER_MS ?? 25),
    maxAttempts: Number(env.CONSUMER_MAX_ATTEMPTS ?? 5),
    sessionTimeoutMs: Number(env.CONSUMER_SESSION_TIMEOUT_MS ?? 30_000),
    groupCommit: (env.CONSUMER_GROUP_COMMIT ?? 'true') !== 'false',
  };
}
