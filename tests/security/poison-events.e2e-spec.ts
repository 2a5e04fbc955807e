import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, Producer } from 'kafkajs';
import { ALL_TOPICS, deadLetterTopicOf, DlqHeaders, physicalTopic, Topics, type TopicName } from '@askfirst/contracts';
import { type RecordedMessage, type ServiceName, testInfrastructure, TopicRecorder, waitFor } from '@askfirst/testing';
import { SNACKS, describeChanges, SecuritySystem, STORE } from './support/security-system';

jest.setTimeout(240_000);

/** Which services consume each topic (their consumer group is askfirst.<service>). */
const CONSUMERS: Record<TopicName, ServiceName[]> = {
  [Topics.order]: ['inventory', 'notification', 'customer-service'],
  [Topics.inventory]: ['order'],
  [Topics.notification]: ['order', 'customer-service'],
  [Topics.customerService]: ['order', 'notification'],
};

/** A valid event of each topic about an order nobody has: the consumer named must dead-letter it. */
function unknownOrderEvent(topic: TopicName, orderId: string): { consumer: ServiceName; type: string; source: string; data: object } {
  const lineId = randomUUID();
  switch (topic) {
    case Topics.order:
      return { consumer: 'inventory', type: 'order.dispatched.v1', source: 'order', data: { orderId, shopperId: 'nobody', at: new Date().toISOString() } };
    case Topics.inventory:
      return { consumer: 'order', type: 'inventory.reserved.v1', source: 'inventory', data: { orderId, storeId: STORE, lines: [{ lineId, sku: SNACKS.sku, quantity: 1 }] } };
    case Topics.notification:
      return {
        consumer: 'order', type: 'notification.shopper-notified.v1', source: 'notification',
        data: { noticeId: randomUUID(), orderId, shopperId: 'nobody', causeEventId: randomUUID(), causeType: 'order.line-refund-approved.v1', refundIds: [randomUUID()], channels: ['IN_APP'] },
      };
    case Topics.customerService:
      return {
        consumer: 'order', type: 'customer-service.decision-recorded.v1', source: 'customer-service',
        data: {
          caseId: randomUUID(), orderId, shopperId: 'nobody', caseType: 'SHORTAGE_CONTACT', agentId: 'agent-x',
          decision: { decisionId: randomUUID(), source: 'AGENT_FOR_SHOPPER', resolution: 'REFUND_ITEM_SHIP_REST', lineIds: [lineId] },
        },
      };
  }
}

function envelope(type: string, source: string, data: object, subject: string): string {
  return JSON.stringify({ id: randomUUID(), type, source, time: new Date().toISOString(), subject, correlationId: randomUUID(), data });
}

/** The kinds of poison every topic gets, and the reason its dead letter must carry. */
function poisons(topic: TopicName): { kind: string; key: string; value: string; reason: RegExp }[] {
  const source = topic.split('.')[1];
  const fact = unknownOrderEvent(topic, randomUUID());
  const v9 = fact.type.replace(/\.v1$/, '.v9');
  const key = (kind: string) => `poison-${kind}-${randomUUID()}`;
  return [
    { kind: 'malformed JSON', key: key('json'), value: '{"id": "1", "type": "order.placed.v1", "data": {', reason: /MALFORMED_JSON/ },
    { kind: 'not an object', key: key('array'), value: '[1,2,3]', reason: /INVALID_ENVELOPE/ },
    { kind: 'wrong envelope', key: key('envelope'), value: JSON.stringify({ id: 'x', type: fact.type, data: fact.data }), reason: /INVALID_ENVELOPE/ },
    { kind: 'wrong schema', key: key('schema'), value: envelope(fact.type, source, { orderId: 42, lines: 'none' }, 'o'), reason: /INVALID_PAYLOAD/ },
    { kind: 'wrong source', key: key('source'), value: envelope(fact.type, source === 'order' ? 'inventory' : 'order', fact.data, 'o'), reason: /INVALID_ENVELOPE/ },
    { kind: `unknown version ${v9}`, key: key('v9'), value: envelope(v9, source, fact.data, 'o'), reason: /UNKNOWN_TYPE/ },
    { kind: '2 MB', key: key('huge'), value: envelope(fact.type, source, { ...fact.data, padding: 'p'.repeat(2 * 1024 * 1024) }, 'o'), reason: /TOO_LARGE/ },
  ];
}

/**
 * Poison on every consumed topic: each consumer group dead-letters it to `<prefix><topic>.dlq`
 * with x-dlq-* headers and the reason, applies none of it, keeps running, and real orders still
 * flow afterwards.
 */
describe('poison events on every consumed topic', () => {
  const sec = new SecuritySystem('sec-poison');
  let kafka: Kafka;
  let producer: Producer;
  let dlq: TopicRecorder;

  beforeAll(async () => {
    await sec.start();
    kafka = new Kafka({ clientId: 'poison-test', brokers: testInfrastructure().kafkaBrokers, logLevel: logLevel.NOTHING });
    producer = kafka.producer({ allowAutoTopicCreation: false });
    await producer.connect();
    dlq = await new TopicRecorder(kafka, ALL_TOPICS.map((t) => physicalTopic(deadLetterTopicOf(t), sec.system.topicPrefix))).start();
  }, 420_000);

  afterAll(async () => {
    await dlq?.stop();
    await producer?.disconnect();
    await sec.stop();
  });

  const deadLetters = (key: string) => dlq.messages.filter((m) => m.key === key);

  function checkHeaders(m: RecordedMessage, topic: string, reason: RegExp): void {
    expect(m.topic).toBe(physicalTopic(deadLetterTopicOf(topic), sec.system.topicPrefix));
    expect(m.headers[DlqHeaders.sourceTopic]).toBe(physicalTopic(topic, sec.system.topicPrefix));
    for (const header of Object.values(DlqHeaders)) expect(m.headers[header]).toBeDefined();
    expect(m.headers[DlqHeaders.error]).toMatch(reason);
  }

  it('malformed, invalid, unknown-version and oversized messages are dead-lettered by every consumer with the reason, and change nothing', async () => {
    const before = await sec.settle();
    const sent: { topic: TopicName; kind: string; key: string; reason: RegExp }[] = [];
    for (const topic of ALL_TOPICS) {
      for (const poison of poisons(topic)) {
        await producer.send({ topic: physicalTopic(topic, sec.system.topicPrefix), acks: -1, messages: [{ key: poison.key, value: poison.value }] });
        sent.push({ topic, ...poison });
      }
    }
    for (const { topic, kind, key, reason } of sent) {
      const expected = CONSUMERS[topic].map((s) => `askfirst.${s}`).sort();
      const letters = await waitFor(() => {
        const found = deadLetters(key);
        return found.length >= expected.length && found;
      }, { what: `dead letters of "${kind}" on ${topic} from ${expected.join(', ')}`, timeoutMs: 60_000, intervalMs: 200 });
      expect([kind, letters.map((m) => m.headers[DlqHeaders.consumer]).sort()]).toEqual([kind, expected]);
      for (const m of letters) checkHeaders(m, topic, reason);
    }
    // Nothing was applied, not even an inbox row.
    expect(describeChanges(before, await sec.settle())).toBe('nothing');
  });

  it('an event about an unknown order is dead-lettered by the service that owns the fact, and half of it is never applied', async () => {
    for (const topic of ALL_TOPICS) {
      const orderId = randomUUID();
      const fact = unknownOrderEvent(topic, orderId);
      const before = await sec.snapshot();
      const key = `poison-unknown-order-${orderId}`;
      await producer.send({ topic: physicalTopic(topic, sec.system.topicPrefix), acks: -1, messages: [{ key, value: envelope(fact.type, fact.source, fact.data, orderId) }] });
      const [letter] = await waitFor(() => deadLetters(key).filter((m) => m.headers[DlqHeaders.consumer] === `askfirst.${fact.consumer}`).length > 0 && deadLetters(key), { what: `${fact.type} for an unknown order dead-lettered by ${fact.consumer}`, timeoutMs: 60_000, intervalMs: 200 });
      checkHeaders(letter, topic, /UnprocessableEventError/);
      expect(letter.headers[DlqHeaders.error]).toContain(orderId);
      const after = await sec.snapshot();
      // The dead-lettering service's transaction rolled back whole: no inbox row, timeline entry or outbox message.
      expect([fact.type, describeChanges({ [fact.consumer]: before[fact.consumer] }, { [fact.consumer]: after[fact.consumer] })]).toEqual([fact.type, 'nothing']);
    }
  });

  it('after the poison, every service is alive and a real order is still placed and confirmed', async () => {
    for (const service of ['order', 'inventory', 'notification', 'customer-service'] as ServiceName[]) {
      expect([service, (await fetch(`${sec.url(service)}/health/ready`)).status]).toEqual([service, 200]);
    }
    const shopper = sec.story.newShopperId('after-poison');
    const orders = sec.client('order', await sec.token('shopper', shopper));
    const placed = await orders.post('/orders', {
      storeId: STORE, onShortage: { choice: 'REFUND_ITEM_SHIP_REST' },
      lines: [{ sku: SNACKS.sku, name: SNACKS.name, quantity: 1, unitPriceCents: SNACKS.unitPriceCents }],
    });
    expect(placed.status).toBe(201);
    await sec.story.waitForOrder(orders, placed.body.id, (o) => o.state === 'CONFIRMED', 'the order after the poison confirmed');
    const notices = sec.client('notification', await sec.token('shopper', shopper));
    await waitFor(async () => {
      const res = await notices.get(`/orders/${placed.body.id}/notices`);
      return res.status === 200 && res.body.items.length > 0;
    }, { what: 'the confirmation notice' });
  });
});
