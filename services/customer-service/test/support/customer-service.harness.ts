import { createEnvelope, encodeEvent, EventDefinition, EventEnvelope, physicalTopic, Topics } from '@askfirst/contracts';
import { createIdempotentProducer, createKafka, ensureTopics, OUTBOX_RELAY_LOCK_KEY } from '@askfirst/messaging';
import { RunningTestApp, serviceTestEnv, ServiceTestEnv, startTestApp, TopicRecorder, waitFor } from '@askfirst/testing';
import { randomUUID } from 'node:crypto';
import { Kafka, Producer } from 'kafkajs';
import { Client } from 'pg';
import { AppModule } from '../../src/app.module';
import { loadConfig } from '../../src/config';

export interface ApiResult<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

/**
 * The customer-service app on its own database and topic prefix, a producer that plays the order and
 * notification services, and a recorder of what this service emits.
 */
export class CustomerServiceHarness {
  service!: RunningTestApp;
  recorder!: TopicRecorder;
  private producer!: Producer;
  private readonly kafka: Kafka;

  private constructor(readonly env: ServiceTestEnv, private readonly overrides: Record<string, string>) {
    this.kafka = createKafka({ brokers: env.env.KAFKA_BROKERS.split(','), clientId: `cs-test-${randomUUID().slice(0, 8)}` });
  }

  static async start(label: string, overrides: Record<string, string> = {}): Promise<CustomerServiceHarness> {
    const harness = new CustomerServiceHarness(await serviceTestEnv(label), overrides);
    await ensureTopics(harness.kafka, { topicPrefix: harness.env.topicPrefix });
    harness.producer = createIdempotentProducer(harness.kafka);
    await harness.producer.connect();
    harness.recorder = await new TopicRecorder(harness.kafka, [physicalTopic(Topics.customerService, harness.env.topicPrefix)]).start();
    await harness.startApp();
    return harness;
  }

  get url(): string {
    return this.service.url;
  }

  async startApp(): Promise<void> {
    this.service = await startTestApp('customer-service', AppModule.forRoot(loadConfig({ ...this.env.env, ...this.overrides })));
  }

  /** Graceful shutdown of the app; `startApp` then boots a new one on the same database and topics. */
  stopApp(): Promise<void> {
    return this.service.close();
  }

  /** A shopper's ask for a human, sent once the order is known here (its order.placed consumed). */
  askForHuman(orderId: string, token: string, message?: string): Promise<ApiResult> {
    return waitFor(async () => {
      const res = await this.api('POST', '/cases', token, { orderId, ...(message ? { message } : {}) });
      return res.status !== 404 && res;
    }, { what: `order ${orderId} projected` });
  }

  /** Publishes an event as its owning service would, on this test's prefixed topic. */
  async produce<T extends object>(definition: EventDefinition<T>, data: T & { orderId: string }): Promise<EventEnvelope<T>> {
    const envelope = createEnvelope(definition, data, { subject: data.orderId, correlationId: randomUUID() });
    await this.redeliver(definition, envelope);
    return envelope;
  }

  /** Reads this test's database directly (e.g. while the app is down). */
  async query(sql: string, params: unknown[] = []): Promise<any[]> {
    const client = new Client({ connectionString: this.env.databaseUrl });
    await client.connect();
    try {
      return (await client.query(sql, params)).rows;
    } finally {
      await client.end();
    }
  }

  /**
   * Takes the outbox relay's advisory lock on this test's database, so no instance publishes until
   * `release()`: committed events wait in the outbox, as after a crash between commit and publish.
   */
  async holdOutboxRelay(): Promise<{ release: () => Promise<void> }> {
    const client = new Client({ connectionString: this.env.databaseUrl });
    await client.connect();
    await client.query(`SELECT pg_advisory_lock(hashtext($1))`, [OUTBOX_RELAY_LOCK_KEY]);
    return { release: () => client.end() };
  }

  /** Sends an already published envelope again, as at-least-once delivery may. */
  async redeliver(definition: EventDefinition<any>, envelope: EventEnvelope): Promise<void> {
    await this.producer.send({ topic: physicalTopic(definition.topic, this.env.topicPrefix), messages: [{ key: envelope.subject, value: encodeEvent(envelope) }] });
  }

  async api<T = any>(method: string, path: string, token?: string, body?: unknown): Promise<ApiResult<T>> {
    const headers: Record<string, string> = {};
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${this.url}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      /* not JSON: keep the text */
    }
    return { status: res.status, headers: res.headers, body: parsed as T };
  }

  /** Emitted events of one type about one order (or all of that type). */
  emitted(type: string, orderId?: string): any[] {
    return this.recorder.ofType(type).map((m) => m.json).filter((e) => !orderId || e.subject === orderId);
  }

  waitForEmitted(type: string, orderId: string, what = type): Promise<any> {
    return waitFor(() => this.emitted(type, orderId)[0], { what: `${what} for ${orderId}` });
  }

  async close(): Promise<void> {
    // In parallel: each Kafka consumer may wait out a fetch (up to 5 s) before it leaves its group.
    await Promise.all([
      this.service?.close().catch(() => undefined),
      this.recorder?.stop().catch(() => undefined),
      this.producer?.disconnect().catch(() => undefined),
    ]);
    await this.env?.dropDatabase();
  }
}
