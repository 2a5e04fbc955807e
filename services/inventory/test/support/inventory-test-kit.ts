import { randomUUID } from 'node:crypto';
import { Producer } from 'kafkajs';
import { DataSource } from 'typeorm';
import {
  createEnvelope, DecisionSource, encodeEvent, EventDefinition, EventEnvelope, Events, OrderPlacedV1, physicalTopic, ShortageChoice,
  ShortageResolution, Topics, deadLetterTopicOf,
} from '@askfirst/contracts';
import { createIdempotentProducer, createKafka } from '@askfirst/messaging';
import { RunningTestApp, serviceTestEnv, ServiceTestEnv, startTestApp, testTokens, TopicRecorder, waitFor } from '@askfirst/testing';
import { AppModule } from '../../src/app.module';
import { loadConfig } from '../../src/config';

export interface ApiResult<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/**
 * One inventory service on its own database and topic prefix, plus a producer for order events and
 * a recorder of what inventory publishes. Tests talk to it only through REST and Kafka.
 */
export class InventoryTestKit {
  private constructor(
    readonly env: ServiceTestEnv,
    readonly service: RunningTestApp,
    readonly producer: Producer,
    readonly recorder: TopicRecorder,
  ) {}

  static async start(label: string, extraEnv: Record<string, string> = {}): Promise<InventoryTestKit> {
    const env = await serviceTestEnv(label);
    Object.assign(env.env, { OUTBOX_POLL_INTERVAL_MS: '200', ...extraEnv });
    const service = await startTestApp('inventory', AppModule.forRoot(loadConfig(env.env)));
    const kafka = createKafka({ brokers: env.env.KAFKA_BROKERS.split(','), clientId: `test-${label}` });
    const producer = createIdempotentProducer(kafka);
    await producer.connect();
    const topics = [Topics.inventory, deadLetterTopicOf(Topics.order)].map((t) => physicalTopic(t, env.topicPrefix));
    const recorder = await new TopicRecorder(kafka, topics).start();
    return new InventoryTestKit(env, service, producer, recorder);
  }

  async stop(): Promise<void> {
    // Each kafkajs consumer takes up to its fetch wait (~5 s) to leave; leave side by side.
    await Promise.all([this.recorder?.stop().catch(() => undefined), this.producer?.disconnect().catch(() => undefined), this.service?.close()]);
    await this.env?.dropDatabase();
  }

  get db(): DataSource {
    return this.service.app.get(DataSource);
  }

  async api<T = any>(method: string, path: string, options: { body?: unknown; token?: string | null } = {}): Promise<ApiResult<T>> {
    const token = options.token === undefined ? await testTokens.agent() : options.token;
    const response = await fetch(`${this.service.url}${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body: options.body !== undefined ? JSON.stringify(options.body) : undefined,
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined, headers: response.headers };
  }

  /** Lists a SKU in a store with some stock, through the real API. */
  async stock(storeId: string, sku: string, item: { onHand: number; category?: string; unitPriceCents?: number; name?: string; restockEta?: string }): Promise<void> {
    const { onHand, category = 'misc', unitPriceCents = 100, name = sku.toLowerCase(), restockEta } = item;
    const result = await this.api('PUT', `/stores/${storeId}/skus/${sku}`, { body: { name, category, unitPriceCents, onHand, ...(restockEta ? { restockEta } : {}) } });
    if (result.status !== 201) throw new Error(`seeding ${storeId}/${sku} failed: ${result.status} ${JSON.stringify(result.body)}`);
  }

  async level(storeId: string, sku: string): Promise<{ onHand: number; reserved: number; available: number }> {
    return (await this.api('GET', `/stores/${storeId}/skus/${sku}`)).body;
  }

  envelope<T extends object>(definition: EventDefinition<T>, data: T, subject: string): EventEnvelope<T> {
    return createEnvelope(definition, data, { subject, correlationId: randomUUID() });
  }

  /** Produces envelopes to the service's prefixed topics in one send, keyed by order id. */
  async produce(...envelopes: EventEnvelope<any>[]): Promise<void> {
    const byTopic = new Map<string, EventEnvelope[]>();
    for (const envelope of envelopes) {
      const topic = physicalTopic(Events[eventKeyOf(envelope.type)].topic, this.env.topicPrefix);
      byTopic.set(topic, [...(byTopic.get(topic) ?? []), envelope]);
    }
    await this.producer.sendBatch({
      topicMessages: [...byTopic].map(([topic, list]) => ({ topic, messages: list.map((e) => ({ key: e.subject, value: encodeEvent(e) })) })),
    });
  }

  async publish<T extends object>(definition: EventDefinition<T>, data: T, subject: string): Promise<EventEnvelope<T>> {
    const envelope = this.envelope(definition, data, subject);
    await this.produce(envelope);
    return envelope;
  }

  /** Events inventory published about one order (or stock subject), of one type. */
  events(definition: EventDefinition<any>, subject?: string): EventEnvelope<any>[] {
    return this.recorder.ofType(definition.type).map((m) => m.json as EventEnvelope).filter((e) => subject === undefined || e.subject === subject);
  }

  async nextEvent(definition: EventDefinition<any>, subject: string, count = 1): Promise<EventEnvelope<any>> {
    return waitFor(() => this.events(definition, subject)[count - 1], { what: `${definition.type} #${count} for ${subject}` });
  }

  deadLetters(): { type?: string; headers: Record<string, string> }[] {
    return this.recorder.messages.filter((m) => m.topic.endsWith('.dlq')).map((m) => ({ type: m.json?.type, headers: m.headers }));
  }
}

function eventKeyOf(type: string): keyof typeof Events {
  const key = (Object.keys(Events) as (keyof typeof Events)[]).find((k) => Events[k].type === type);
  if (!key) throw new Error(`unknown event type ${type}`);
  return key;
}

export function uniqueStore(label: string): string {
  return `${label}-${randomUUID().slice(0, 8)}`;
}

/** An order.placed payload: states only the store and the lines that matter to a test. */
export function placedOrder(storeId: string, lines: { sku: string; quantity: number }[], shopperId = 'shopper-1'): OrderPlacedV1 {
  const policy = { choice: ShortageChoice.CONTACT_ME, ifNoAnswerWithinMinutes: 10 };
  return {
    orderId: randomUUID(),
    shopperId,
    storeId,
    placedAt: new Date().toISOString(),
    policy,
    lines: lines.map((l) => ({ lineId: randomUUID(), sku: l.sku, name: l.sku.toLowerCase(), quantity: l.quantity, unitPriceCents: 100, policy })),
  };
}

export function shopperDecision(resolution: ShortageResolution, lineIds: string[], substituteSku?: string) {
  return { decisionId: randomUUID(), source: DecisionSource.SHOPPER, resolution, lineIds, ...(substituteSku ? { substituteSku } : {}) };
}
