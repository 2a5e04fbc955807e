import { randomUUID } from 'node:crypto';
import { Kafka, Producer } from 'kafkajs';
import { Client } from 'pg';
import { createEnvelope, encodeEvent, EventDefinition, EventEnvelope, physicalTopic, Topics } from '@askfirst/contracts';
import { createIdempotentProducer, createKafka } from '@askfirst/messaging';
import { RunningTestApp, serviceTestEnv, ServiceTestEnv, startTestApp, testTokens, TopicRecorder, waitFor } from '@askfirst/testing';
import { AppModule } from '../../src/app.module';
import { loadConfig } from '../../src/config';

export interface HttpResult<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/**
 * The order service alone on real Kafka and PostgreSQL. The test plays inventory, notification and
 * customer-service by producing their events (real envelopes) onto this run's prefixed topics.
 */
export class OrderServiceHarness {
  env!: ServiceTestEnv;
  service?: RunningTestApp;
  kafka!: Kafka;
  producer!: Producer;
  orderEvents!: TopicRecorder;
  private readonly overrides: Record<string, string>;

  constructor(private readonly label: string, overrides: Record<string, string> = {}) {
    this.overrides = { ORDER_DECISION_WINDOW_SCALE: '0.001', ORDER_DEADLINE_POLL_MS: '50', OUTBOX_POLL_INTERVAL_MS: '100', ...overrides };
  }

  async start(): Promise<this> {
    this.env = await serviceTestEnv(this.label);
    Object.assign(this.env.env, this.overrides);
    await this.boot();
    this.kafka = createKafka({ brokers: this.env.env.KAFKA_BROKERS.split(','), clientId: `test-${this.label}` });
    this.producer = createIdempotentProducer(this.kafka);
    await this.producer.connect();
    this.orderEvents = await new TopicRecorder(this.kafka, [physicalTopic(Topics.order, this.env.topicPrefix)]).start();
    return this;
  }

  /** Boots (or re-boots, after `stopService`) the app on the same database and topics. */
  async boot(): Promise<void> {
    this.service = await startTestApp('order', AppModule.forRoot(loadConfig(this.env.env)));
  }

  async stopService(): Promise<void> {
    await this.service?.close();
    this.service = undefined;
  }

  async stop(): Promise<void> {
    // In parallel: each kafkajs consumer waits out its fetch long-poll (up to 5 s) when it leaves.
    await Promise.all([
      this.orderEvents?.stop().catch(() => undefined),
      this.producer?.disconnect().catch(() => undefined),
      this.stopService(),
    ]);
    await this.env?.dropDatabase();
  }

  get url(): string {
    if (!this.service) throw new Error('the order service is not running');
    return this.service.url;
  }

  async request<T = any>(method: string, path: string, token: string, body?: unknown, headers: Record<string, string> = {}): Promise<HttpResult<T>> {
    const res = await fetch(`${this.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers };
  }

  /** Publishes another service's event the way it would: a valid envelope keyed by the order id. `time`: when the producer says it happened. */
  async produce<T extends object>(definition: EventDefinition<T>, data: T, subject: string, options: { time?: Date } = {}): Promise<EventEnvelope<T>> {
    const envelope = createEnvelope(definition, data, { subject, correlationId: subject, ...options });
    await this.producer.send({
      topic: physicalTopic(definition.topic, this.env.topicPrefix),
      acks: -1,
      messages: [{ key: subject, value: encodeEvent(envelope) }],
    });
    return envelope;
  }

  /** Events this service published about one order, of one type. */
  published(orderId: string, type: string): any[] {
    return this.orderEvents.ofType(type).filter((m) => m.key === orderId).map((m) => m.json);
  }

  async waitForPublished(orderId: string, type: string, count = 1): Promise<any[]> {
    return waitFor(() => {
      const found = this.published(orderId, type);
      return found.length >= count ? found : undefined;
    }, { what: `${count} x ${type} for ${orderId}` });
  }

  async getOrder(orderId: string, token?: string): Promise<any> {
    const res = await this.request('GET', `/orders/${orderId}`, token ?? (await testTokens.service('test')));
    if (res.status !== 200) throw new Error(`GET /orders/${orderId} answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body;
  }

  async waitForOrder(orderId: string, predicate: (order: any) => boolean, what: string): Promise<any> {
    return waitFor(async () => {
      const order = await this.getOrder(orderId);
      return predicate(order) ? order : undefined;
    }, { what: `order ${orderId}: ${what}` });
  }

  async sql<T = any>(text: string, params: unknown[] = []): Promise<T[]> {
    const client = new Client({ connectionString: this.env.databaseUrl });
    await client.connect();
    try {
      return (await client.query(text, params)).rows;
    } finally {
      await client.end();
    }
  }
}

export const newId = () => randomUUID();
