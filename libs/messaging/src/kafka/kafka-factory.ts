import { Kafka, logLevel, LogEntry, Partitioners, Producer } from 'kafkajs';
import { MessagingLogger, silentLogger } from '../logger';
import { installRejoinAsSameMember } from './rejoin-as-same-member';
import { installRequestQueueFix } from './request-queue-fix';

export interface KafkaConnection {
  brokers: string[];
  clientId: string;
  logger?: MessagingLogger;
  /**
   * Retries of every request, connecting included (default 8, up to 5 s apart). kafkajs gives an
   * admin's or consumer's own `retry` option to their requests only, never to connecting.
   */
  retries?: number;
}

export function parseBrokers(value: string | undefined): string[] {
  return (value ?? '127.0.0.1:19092').split(',').map((b) => b.trim()).filter(Boolean);
}

// kafkajs warnings that describe our deliberate settings, not problems.
const KNOWN_NOISE = ['Limiting retries for the idempotent producer', 'KafkaJS v2.0.0 switched default partitioner'];

export function createKafka({ brokers, clientId, logger = silentLogger, retries = 8 }: KafkaConnection): Kafka {
  installRequestQueueFix();
  installRejoinAsSameMember();
  return new Kafka({
    clientId,
    brokers,
    connectionTimeout: 3_000,
    requestTimeout: 30_000,
    retry: { initialRetryTime: 200, retries, maxRetryTime: 5_000 },
    logLevel: logLevel.WARN,
    logCreator: () => (entry: LogEntry) => {
      const { message, ...fields } = entry.log;
      if (KNOWN_NOISE.some((n) => message.startsWith(n))) return;
      const write = entry.level <= logLevel.ERROR ? logger.error : logger.warn;
      write.call(logger, `kafkajs: ${message}`, { namespace: entry.namespace, ...fields });
    },
  });
}

/** Idempotent producer: retries never duplicate within a session; one request in flight keeps order. */
export function createIdempotentProducer(kafka: Kafka): Producer {
  return kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
}
