// A broker that stays away longer than a consumer's retries crashes the consumer, and kafkajs starts
// it again. It must rejoin its group as the member it was: a new member would wait beside the old
// one's id until that session timed out (30 s), the whole group standing still
// (libs/messaging/src/kafka/rejoin-as-same-member.ts). On a private broker, which this test stops.
import { Consumer, Kafka } from 'kafkajs';
import { createKafka } from '@askfirst/messaging';
import { waitFor, withKafkaAdmin } from '@askfirst/testing';
import { PrivateKafka } from './support/private-kafka';

jest.setTimeout(240_000);

/** A one-partition topic of its own on the private broker. */
async function newTopic(brokers: string, name: string): Promise<string> {
  const topic = `${name}-${Date.now().toString(36)}`;
  await withKafkaAdmin([brokers], (admin) => admin.createTopics({ topics: [{ topic, numPartitions: 1, replicationFactor: 1 }], waitForLeaders: true }));
  return topic;
}

/** What a consumer did: the member ids it joined with, its crashes, the values it received. */
function watch(consumer: Consumer) {
  const seen = { joins: [] as string[], crashes: [] as { restart: boolean }[], received: [] as string[] };
  consumer.on(consumer.events.GROUP_JOIN, (e) => void seen.joins.push(e.payload.memberId));
  consumer.on(consumer.events.CRASH, (e) => void seen.crashes.push({ restart: e.payload.restart }));
  return { ...seen, run: () => consumer.run({ eachMessage: async ({ message }) => void seen.received.push(String(message.value)) }) };
}

/** Sends one value and waits for the consumer to receive it. */
async function consumesAgain(kafka: Kafka, topic: string, received: string[], value: string): Promise<void> {
  const producer = kafka.producer();
  try {
    await producer.connect();
    await producer.send({ topic, messages: [{ value }] });
    await waitFor(() => received.includes(value), { what: `consumption of "${value}"`, timeoutMs: 60_000 });
  } finally {
    await producer.disconnect().catch(() => undefined);
  }
}

describe('a consumer that crashed while the broker was away rejoins as the same member', () => {
  const broker = new PrivateKafka(Number(process.env.FAULTS_REJOIN_KAFKA_PORT ?? 29192));

  beforeAll(() => {
    broker.start();
  }, 200_000);
  afterAll(() => {
    broker.destroy();
  }, 120_000);

  /** Joins, then the broker goes away until the consumer crashes; the broker is still down after. */
  async function joinThenLoseTheBroker(consumer: Consumer, topic: string, joins: string[], crashes: unknown[], run: () => Promise<void>): Promise<void> {
    await consumer.subscribe({ topic, fromBeginning: true });
    await run();
    await waitFor(() => joins.length === 1, { what: 'the first join', timeoutMs: 60_000 });
    broker.stop();
    await waitFor(() => crashes.length > 0, { what: 'the consumer to give up on the absent broker', timeoutMs: 120_000, intervalMs: 500 });
  }

  it('keeps its member id through the crash and the restart, and consumes again', async () => {
    const kafka = createKafka({ brokers: [broker.brokers], clientId: 'rejoin-test' });
    const topic = await newTopic(broker.brokers, 'rejoin');
    const consumer = kafka.consumer({ groupId: `${topic}-group`, sessionTimeout: 30_000, heartbeatInterval: 1_000 });
    const { joins, crashes, received, run } = watch(consumer);
    try {
      await joinThenLoseTheBroker(consumer, topic, joins, crashes, run);
      expect(crashes[0].restart).toBe(true);
      broker.start();

      await waitFor(() => joins.length >= 2, { what: 'the join after the restart', timeoutMs: 90_000, intervalMs: 200 });
      expect(joins[1]).toBe(joins[0]);
      await consumesAgain(kafka, topic, received, 'after the restart');
    } finally {
      await consumer.disconnect().catch(() => undefined);
    }
  });

  // A crash kafkajs does not restart (a non-retriable error, such as "Failed to find group
  // coordinator" while the broker comes back) is EventConsumer's to restart. It starts the same
  // kafkajs consumer again with connect + run (libs/messaging/src/consumer/event-consumer.ts), which
  // keeps the cluster object the member id is remembered by; a new consumer would join as a new member.
  it('after a crash kafkajs does not restart, connect + run on the same consumer rejoins as the same member', async () => {
    const kafka = createKafka({ brokers: [broker.brokers], clientId: 'rejoin-test-2' });
    const topic = await newTopic(broker.brokers, 'rejoin-norestart');
    // restartOnFailure false: kafkajs gives up on the crash (restart: false), as on a non-retriable error.
    const consumer = kafka.consumer({ groupId: `${topic}-group`, sessionTimeout: 30_000, heartbeatInterval: 1_000, retry: { restartOnFailure: async () => false } });
    const { joins, crashes, received, run } = watch(consumer);
    try {
      await joinThenLoseTheBroker(consumer, topic, joins, crashes, run);
      expect(crashes[0].restart).toBe(false);
      broker.start();

      await consumer.connect();
      await run();
      await waitFor(() => joins.length >= 2, { what: 'the join after connect + run', timeoutMs: 90_000, intervalMs: 200 });
      expect(joins[1]).toBe(joins[0]);
      await consumesAgain(kafka, topic, received, 'after connect + run');
    } finally {
      await consumer.disconnect().catch(() => undefined);
    }
  });
});
