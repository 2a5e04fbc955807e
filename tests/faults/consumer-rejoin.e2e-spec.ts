// A broker that stays away longer than a consumer's retries crashes the consumer, and kafkajs starts
// it again. It must rejoin its group as the member it was: a new member would wait beside the old
// one's id until that session timed out (30 s), the whole group standing still
// (libs/messaging/src/kafka/rejoin-as-same-member.ts). On a private broker, which this test stops.
import { createKafka } from '@askfirst/messaging';
import { waitFor } from '@askfirst/testing';
import { PrivateKafka } from './support/private-kafka';

jest.setTimeout(240_000);

describe('a consumer that crashed while the broker was away rejoins as the same member', () => {
  const broker = new PrivateKafka(Number(process.env.FAULTS_REJOIN_KAFKA_PORT ?? 29192));

  beforeAll(() => {
    broker.start();
  }, 200_000);
  afterAll(() => {
    broker.destroy();
  }, 120_000);

  it('keeps its member id through the crash and the restart, and consumes again', async () => {
    const kafka = createKafka({ brokers: [broker.brokers], clientId: 'rejoin-test' });
    const topic = `rejoin-${Date.now().toString(36)}`;
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 1, replicationFactor: 1 }], waitForLeaders: true });
    await admin.disconnect();

    const consumer = kafka.consumer({ groupId: `${topic}-group`, sessionTimeout: 30_000, heartbeatInterval: 1_000 });
    const joins: string[] = [];
    const crashes: { restart: boolean }[] = [];
    const received: string[] = [];
    consumer.on(consumer.events.GROUP_JOIN, (e) => void joins.push(e.payload.memberId));
    consumer.on(consumer.events.CRASH, (e) => void crashes.push({ restart: e.payload.restart }));
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({ eachMessage: async ({ message }) => void received.push(String(message.value)) });
    const producer = kafka.producer();
    try {
      await waitFor(() => joins.length === 1, { what: 'the first join', timeoutMs: 60_000 });

      broker.stop();
      await waitFor(() => crashes.length > 0, { what: 'the consumer to give up on the absent broker', timeoutMs: 120_000, intervalMs: 500 });
      expect(crashes[0].restart).toBe(true);
      broker.start();

      await waitFor(() => joins.length >= 2, { what: 'the join after the restart', timeoutMs: 90_000, intervalMs: 200 });
      expect(joins[1]).toBe(joins[0]);

      await producer.connect();
      await producer.send({ topic, messages: [{ value: 'after the restart' }] });
      await waitFor(() => received.includes('after the restart'), { what: 'consumption after the restart', timeoutMs: 60_000 });
    } finally {
      await producer.disconnect().catch(() => undefined);
      await consumer.disconnect().catch(() => undefined);
    }
  });

  // A crash kafkajs does not restart (a non-retriable error, such as "Failed to find group
  // coordinator" while the broker comes back) is EventConsumer's to restart. It starts the same
  // kafkajs consumer again with connect + run (libs/messaging/src/consumer/event-consumer.ts), which
  // keeps the cluster object the member id is remembered by; a new consumer would join as a new member.
  it('after a crash kafkajs does not restart, connect + run on the same consumer rejoins as the same member', async () => {
    const kafka = createKafka({ brokers: [broker.brokers], clientId: 'rejoin-test-2' });
    const topic = `rejoin-norestart-${Date.now().toString(36)}`;
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 1, replicationFactor: 1 }], waitForLeaders: true });
    await admin.disconnect();

    // restartOnFailure false: kafkajs gives up on the crash (restart: false), as on a non-retriable error.
    const consumer = kafka.consumer({ groupId: `${topic}-group`, sessionTimeout: 30_000, heartbeatInterval: 1_000, retry: { restartOnFailure: async () => false } });
    const joins: string[] = [];
    const crashes: { restart: boolean }[] = [];
    const received: string[] = [];
    consumer.on(consumer.events.GROUP_JOIN, (e) => void joins.push(e.payload.memberId));
    consumer.on(consumer.events.CRASH, (e) => void crashes.push({ restart: e.payload.restart }));
    const run = () => consumer.run({ eachMessage: async ({ message }) => void received.push(String(message.value)) });
    await consumer.subscribe({ topic, fromBeginning: true });
    await run();
    const producer = kafka.producer();
    try {
      await waitFor(() => joins.length === 1, { what: 'the first join', timeoutMs: 60_000 });

      broker.stop();
      await waitFor(() => crashes.length > 0, { what: 'the consumer to give up on the absent broker', timeoutMs: 120_000, intervalMs: 500 });
      expect(crashes[0].restart).toBe(false);
      broker.start();

      await consumer.connect();
      await run();
      await waitFor(() => joins.length >= 2, { what: 'the join after connect + run', timeoutMs: 90_000, intervalMs: 200 });
      expect(joins[1]).toBe(joins[0]);

      await producer.connect();
      await producer.send({ topic, messages: [{ value: 'after connect + run' }] });
      await waitFor(() => received.includes('after connect + run'), { what: 'consumption after connect + run', timeoutMs: 60_000 });
    } finally {
      await producer.disconnect().catch(() => undefined);
      await consumer.disconnect().catch(() => undefined);
    }
  });
});
