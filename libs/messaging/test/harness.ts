import { randomUUID } from 'node:crypto';
import { Kafka, Producer } from 'kafkajs';
import { DataSource, MigrationInterface, QueryRunner } from 'typeorm';
import { Events, OrderPlacedV1, physicalTopic, ShortageChoice, Topics } from '@askfirst/contracts';
import { preparedStatementClient } from '@askfirst/platform';
import { createTestDatabase, testInfrastructure, TopicRecorder, uniqueTopicPrefix } from '@askfirst/testing';
import {
  createIdempotentProducer, createKafka, DeadLetterPublisher, ensureTopics, EventConsumer, EventConsumerOptions,
  MESSAGING_MIGRATIONS, OutboxRelay, TransactionalOutbox,
} from '../src';

class WidgetsTable1764115200001 implements MigrationInterface {
  async up(q: QueryRunner) {
    await q.query(`CREATE TABLE widgets (order_id uuid PRIMARY KEY, applied int NOT NULL DEFAULT 1)`);
  }
  async down(q: QueryRunner) {
    await q.query(`DROP TABLE widgets`);
  }
}

export function placedOrder(orderId: string = randomUUID()): OrderPlacedV1 {
  return {
    orderId,
    shopperId: 'shopper-1',
    storeId: 'store-1',
    placedAt: new Date().toISOString(),
    policy: { choice: ShortageChoice.REFUND_ITEM_SHIP_REST },
    lines: [{ lineId: randomUUID(), sku: 'CAKE-CREAM', name: 'Cream cake', quantity: 1, unitPriceCents: 1299, policy: { choice: ShortageChoice.REFUND_ITEM_SHIP_REST } }],
  };
}

export class MessagingHarness {
  dataSource!: DataSource;
  kafka!: Kafka;
  producer!: Producer;
  outbox!: TransactionalOutbox;
  relay!: OutboxRelay;
  databaseUrl!: string;
  readonly prefix: string;
  private dropDatabase?: () => Promise<void>;
  private readonly closers: (() => Promise<unknown>)[] = [];

  constructor(private readonly label: string) {
    this.prefix = uniqueTopicPrefix(label);
  }

  topic(logical: string) {
    return physicalTopic(logical, this.prefix);
  }

  async start(options: { relay?: boolean; pollIntervalMs?: number } = {}): Promise<this> {
    const db = await createTestDatabase(this.label);
    this.databaseUrl = db.url;
    this.dropDatabase = db.drop;
    // The services' pool client (prepared statements, held-back BEGIN and deferred writes), as deployed.
    this.dataSource = new DataSource({
      type: 'postgres', url: db.url, migrations: [...MESSAGING_MIGRATIONS, WidgetsTable1764115200001], poolSize: 20, extra: { Client: preparedStatementClient() },
    });
    await this.dataSource.initialize();
    await this.dataSource.runMigrations();
    this.kafka = createKafka({ brokers: testInfrastructure().kafkaBrokers, clientId: `test-${this.label}` });
    await ensureTopics(this.kafka, { topicPrefix: this.prefix });
    this.producer = createIdempotentProducer(this.kafka);
    await this.producer.connect();
    this.outbox = new TransactionalOutbox(this.dataSource);
    this.relay = new OutboxRelay(this.dataSource, this.producer, { topicPrefix: this.prefix, pollIntervalMs: options.pollIntervalMs ?? 200 });
    this.outbox.attachWaker(this.relay);
    if (options.relay !== false) this.relay.start();
    return this;
  }

  async recorder(...logicalTopics: string[]): Promise<TopicRecorder> {
    const recorder = await new TopicRecorder(this.kafka, logicalTopics.map((t) => this.topic(t))).start();
    this.closers.push(() => recorder.stop());
    return recorder;
  }

  async consumer(options: Omit<EventConsumerOptions, 'topicPrefix'>): Promise<EventConsumer> {
    const consumer = new EventConsumer(this.kafka, this.dataSource, this.outbox, new DeadLetterPublisher(this.producer), {
      ...options,
      topicPrefix: this.prefix,
    });
    await consumer.start();
    this.closers.push(() => consumer.stop());
    return consumer;
  }

  /** The handler used by the tests: records the order once and answers with inventory.reserved. */
  widgetHandler() {
    return async (envelope: { data: OrderPlacedV1 }, tx: Parameters<Parameters<TransactionalOutbox['run']>[0]>[0]) => {
      await tx.manager.query(`INSERT INTO widgets (order_id) VALUES ($1) ON CONFLICT (order_id) DO UPDATE SET applied = widgets.applied + 1`, [envelope.data.orderId]);
      tx.publish(Events.inventoryReserved, { orderId: envelope.data.orderId, storeId: 'store-1', lines: [] }, { subject: envelope.data.orderId });
    };
  }

  async widgets(): Promise<{ order_id: string; applied: number }[]> {
    return this.dataSource.query(`SELECT order_id, applied FROM widgets ORDER BY order_id`);
  }

  async produceRaw(logicalTopic: string, key: string, value: string | Buffer): Promise<void> {
    await this.producer.send({ topic: this.topic(logicalTopic), messages: [{ key, value }] });
  }

  async stop(): Promise<void> {
    for (const close of this.closers.reverse()) await close().catch(() => undefined);
    await this.relay?.stop(2_000);
    await this.producer?.disconnect().catch(() => undefined);
    await this.dataSource?.destroy().catch(() => undefined);
    await this.dropDatabase?.();
  }
}

export { Events, Topics };
