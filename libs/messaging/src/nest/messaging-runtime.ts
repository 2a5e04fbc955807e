import { Inject, Injectable, OnApplicationBootstrap, BeforeApplicationShutdown, Optional } from '@nestjs/common';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import { Kafka, Producer } from 'kafkajs';
import { DataSource } from 'typeorm';
import { EventDefinition, TopicName } from '@askfirst/contracts';
import { DeadLetterPublisher } from '../consumer/dead-letter-publisher';
import { EventConsumer, EventHandlerFn, GroupFallbackReason } from '../consumer/event-consumer';
import { createIdempotentProducer, createKafka } from '../kafka/kafka-factory';
import { ensureTopics, pingKafka } from '../kafka/topic-admin';
import { consoleJsonLogger, MessagingLogger } from '../logger';
import { OutboxRelay } from '../outbox/outbox-relay';
import { TransactionalOutbox } from '../outbox/transactional-outbox';
import { Metrics } from '@askfirst/platform';
import { MessagingConfig } from './messaging-config';
import { registerMessagingMetrics } from './messaging-metrics';
import { ON_EVENT_METADATA } from './on-event.decorator';

export const MESSAGING_CONFIG = Symbol('MESSAGING_CONFIG');
export const MESSAGING_LOGGER = Symbol('MESSAGING_LOGGER');

export type MessagingObserver = {
  onSubscribed?(eventTypes: string[]): void;
  onPublished?(count: number): void;
  onProcessed?(outcome: string, type: string): void;
  onCommitted?(messages: number): void;
  onGroupFallback?(reason: GroupFallbackReason): void;
  close?(): Promise<void>;
};
export const MESSAGING_OBSERVER = Symbol('MESSAGING_OBSERVER');

/** Owns the service's Kafka clients, outbox relay and consumer; started after Nest boots, stopped before it closes. */
@Injectable()
export class MessagingRuntime implements OnApplicationBootstrap, BeforeApplicationShutdown {
  readonly kafka: Kafka;
  /** For readiness probes: one try, also when connecting (pingKafka). */
  private readonly probeKafka: Kafka;
  private readonly producer: Producer;
  readonly relay: OutboxRelay;
  private consumer?: EventConsumer;
  private subscribedTopics: TopicName[] = [];
  private readonly logger: MessagingLogger;
  private started = false;

  constructor(
    @Inject(MESSAGING_CONFIG) readonly config: MessagingConfig,
    private readonly dataSource: DataSource,
    private readonly outbox: TransactionalOutbox,
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    @Optional() @Inject(MESSAGING_LOGGER) logger?: MessagingLogger,
    @Optional() @Inject(MESSAGING_OBSERVER) private observer?: MessagingObserver,
    @Optional() metrics?: Metrics,
  ) {
    this.logger = logger ?? consoleJsonLogger(`${config.service}.messaging`);
    this.kafka = createKafka({ brokers: config.brokers, clientId: `askfirst-${config.service}`, logger: this.logger });
    this.probeKafka = createKafka({ brokers: config.brokers, clientId: `askfirst-${config.service}-probe`, logger: this.logger, retries: 0 });
    this.producer = createIdempotentProducer(this.kafka);
    this.relay = new OutboxRelay(dataSource, this.producer, {
      topicPrefix: config.topicPrefix,
      pollIntervalMs: config.relayPollIntervalMs,
      lingerMs: config.relayLingerMs,
      logger: this.logger,
      onPublished: (n) => this.observer?.onPublished?.(n),
    });
    outbox.attachWaker(this.relay);
    if (metrics && !this.observer) {
      this.observer = registerMessagingMetrics(metrics, this.relay, {
        kafka: this.kafka,
        groupId: () => this.consumer?.groupId,
        topics: () => this.subscribedTopics,
        topicPrefix: config.topicPrefix,
      });
    }
  }

  async onApplicationBootstrap(): Promise<void> {
    await ensureTopics(this.kafka, {
      topicPrefix: this.config.topicPrefix,
      partitions: this.config.partitions,
      replicationFactor: this.config.replicationFactor,
    });
    await this.producer.connect();
    this.relay.start();
    const handlers = this.discoverHandlers();
    if (handlers.size) {
      const topics = [...new Set([...handlers.values()].map((h) => h.topic))];
      this.subscribedTopics = topics;
      this.observer?.onSubscribed?.([...handlers.keys()]);
      this.consumer = new EventConsumer(this.kafka, this.dataSource, this.outbox, new DeadLetterPublisher(this.producer), {
        name: `askfirst.${this.config.service}`,
        topics,
        handlers: new Map([...handlers].map(([type, h]) => [type, h.fn])),
        topicPrefix: this.config.topicPrefix,
        concurrency: this.config.consumerConcurrency,
        groupCommit: this.config.groupCommit,
        sessionTimeoutMs: this.config.sessionTimeoutMs,
        fetchLingerMs: this.config.consumerFetchLingerMs,
        retry: { maxAttempts: this.config.maxAttempts, initialDelayMs: 100, maxDelayMs: 5_000 },
        logger: this.logger,
        onProcessed: (outcome, type) => this.observer?.onProcessed?.(outcome, type),
        onCommitted: (messages) => this.observer?.onCommitted?.(messages),
        onGroupFallback: (reason) => this.observer?.onGroupFallback?.(reason),
      });
      await this.consumer.start();
    }
    this.started = true;
    this.logger.info('messaging started', { handlers: [...handlers.keys()] });
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (!this.started) return;
    this.started = false;
    await this.consumer?.stop();
    await this.relay.stop();
    await this.producer.disconnect().catch(() => undefined);
    await this.observer?.close?.();
    this.logger.info('messaging stopped');
  }

  async ping(): Promise<void> {
    await pingKafka(this.probeKafka);
  }

  get consumerGroupId(): string | undefined {
    return this.consumer?.groupId;
  }

  private discoverHandlers(): Map<string, { topic: TopicName; fn: EventHandlerFn }> {
    const found = new Map<string, { topic: TopicName; fn: EventHandlerFn }>();
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object' || !wrapper.isDependencyTreeStatic()) continue;
      const prototype = Object.getPrototypeOf(instance);
      for (const method of this.scanner.getAllMethodNames(prototype)) {
        const defs: EventDefinition[] | undefined = Reflect.getMetadata(ON_EVENT_METADATA, prototype[method]);
        if (!defs) continue;
        for (const def of defs) {
          if (found.has(def.type)) throw new Error(`two handlers for ${def.type}`);
          const fn = (instance[method] as EventHandlerFn).bind(instance);
          found.set(def.type, { topic: def.topic, fn });
        }
      }
    }
    return found;
  }
}
