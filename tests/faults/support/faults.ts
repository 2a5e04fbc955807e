import { randomBytes, randomUUID } from 'node:crypto';
import { IHeaders, KafkaMessage } from 'kafkajs';
import { Events, physicalTopic, TopicName, Topics, deadLetterTopicOf } from '@askfirst/contracts';
import { ServiceName } from '@askfirst/testing';
import { FaultSystem, SUBSCRIPTIONS } from './fault-system';

export const POISON_HEADER = 'x-askfirst-fault';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** What an injector did, for the report. */
export type FaultFacts = Record<string, string | number | boolean>;

/** SIGKILL a service — if `whilePublishing`, at a moment its outbox has committed rows not yet published — then start it again. */
export async function killService(sys: FaultSystem, service: ServiceName, options: { whilePublishing?: boolean; downMs?: number; waitUpToMs?: number } = {}): Promise<FaultFacts> {
  let backlog = 0;
  if (options.whilePublishing) {
    const deadline = Date.now() + (options.waitUpToMs ?? 30_000);
    while (Date.now() < deadline) {
      [{ n: backlog }] = await sys.query<{ n: number }>(service, `SELECT count(*)::int AS n FROM outbox_messages WHERE published_at IS NULL`);
      if (backlog > 0) break;
      await sleep(5);
    }
  }
  const pid = sys.sut.service(service).pid;
  await sys.sut.service(service).stop('SIGKILL');
  await sleep(options.downMs ?? 1_000);
  await sys.startService(service);
  return { service, signal: 'SIGKILL', pid: pid ?? -1, unpublishedAtKill: backlog, whilePublishing: backlog > 0 };
}

/** Stops the (private) broker, keeps it down, starts it again. */
export async function restartKafka(sys: FaultSystem, downMs = 5_000): Promise<FaultFacts> {
  if (!sys.kafkaBroker) throw new Error('restartKafka needs the private broker (never the shared one)');
  await sys.dropAdmin();
  const started = Date.now();
  sys.kafkaBroker.stop();
  await sleep(downMs);
  sys.kafkaBroker.start();
  return { brokers: sys.kafkaBroker.brokers, downSeconds: Math.round((Date.now() - started) / 100) / 10 };
}

/** `pg_ctl stop -m immediate` on the (private) cluster, then start it again. */
export async function restartPostgres(sys: FaultSystem, downMs = 5_000): Promise<FaultFacts> {
  if (!sys.pg) throw new Error('restartPostgres needs the private cluster (never the shared one)');
  const started = Date.now();
  sys.pg.stopImmediate();
  await sleep(downMs);
  await sys.pg.restart();
  return { port: sys.pg.port, mode: 'immediate', downSeconds: Math.round((Date.now() - started) / 100) / 10 };
}

/** The SMTP provider accepts connections and never answers, for longer than the consumer session timeout (30 s). */
export async function hangSmtp(sys: FaultSystem, hangMs = 40_000): Promise<FaultFacts> {
  const before = sys.smtp.sink.messages.length;
  sys.smtp.hang();
  await sleep(hangMs);
  const held = sys.smtp.heldConnections;
  sys.smtp.recover();
  return { hangSeconds: hangMs / 1000, connectionsHeld: held, emailsBefore: before };
}

/** Everything on some topics, from offset 0 up to the end as it is now. */
export async function readTopics(sys: FaultSystem, topics: string[]): Promise<{ topic: string; message: KafkaMessage }[]> {
  const admin = await sys.kafkaAdmin();
  const remaining = new Map<string, number>();
  for (const topic of topics) {
    for (const p of await admin.fetchTopicOffsets(topic)) {
      if (Number(p.high) > Number(p.low)) remaining.set(`${topic}/${p.partition}`, Number(p.high));
    }
  }
  const out: { topic: string; message: KafkaMessage }[] = [];
  if (!remaining.size) return out;
  const consumer = sys.kafka.consumer({ groupId: `faults-reader-${randomBytes(4).toString('hex')}`, maxWaitTimeInMs: 200 });
  await consumer.connect();
  await consumer.subscribe({ topics, fromBeginning: true });
  let done!: () => void;
  const finished = new Promise<void>((resolve) => (done = resolve));
  await consumer.run({
    eachMessage: async ({ topic, partition, message }) => {
      const key = `${topic}/${partition}`;
      const high = remaining.get(key);
      if (high === undefined) return;
      out.push({ topic, message });
      if (Number(message.offset) + 1 >= high) {
        remaining.delete(key);
        if (!remaining.size) done();
      }
    },
  });
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([finished, new Promise<void>((resolve) => (timer = setTimeout(resolve, 120_000)))]);
  clearTimeout(timer);
  await consumer.disconnect();
  if (remaining.size) throw new Error(`could not read to the end of ${[...remaining.keys()].join(', ')}`);
  return out;
}

/** Publishes a copy of `share` of every message on the four topics (same key, bytes and headers). */
export async function publishDuplicates(sys: FaultSystem, share = 0.1): Promise<FaultFacts> {
  const topics = Object.values(Topics).map((t) => sys.topic(t));
  const all = await readTopics(sys, topics);
  const chosen = all.filter(() => Math.random() < share);
  const producer = sys.kafka.producer();
  await producer.connect();
  try {
    for (let i = 0; i < chosen.length; i += 200) {
      const batch = chosen.slice(i, i + 200);
      const byTopic = new Map<string, { key: Buffer | null; value: Buffer | null; headers?: IHeaders }[]>();
      for (const { topic, message } of batch) {
        byTopic.set(topic, [...(byTopic.get(topic) ?? []), { key: message.key, value: message.value, headers: message.headers }]);
      }
      await producer.sendBatch({ acks: -1, topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })) });
    }
  } finally {
    await producer.disconnect();
  }
  return { messagesOnTopics: all.length, duplicatesPublished: chosen.length };
}

/**
 * Replays from offset 0: the service is stopped (gracefully, so its group is empty), its consumer
 * group is reset to the earliest offset of every topic it reads, and it is started again.
 */
export async function replayFromZero(sys: FaultSystem, service: ServiceName): Promise<FaultFacts> {
  await sys.sut.service(service).stop('SIGTERM');
  const admin = await sys.kafkaAdmin();
  let replayed = 0;
  for (const logical of SUBSCRIPTIONS[service]) {
    const topic = sys.topic(logical);
    const [ends, committed] = await Promise.all([admin.fetchTopicOffsets(topic), admin.fetchOffsets({ groupId: sys.groupId(service), topics: [topic] })]);
    const done = new Map(committed[0]?.partitions.map((p) => [p.partition, Number(p.offset)]) ?? []);
    replayed += ends.reduce((sum, p) => sum + Math.max(0, Math.min(Number(p.high), done.get(p.partition) ?? 0) - Number(p.low)), 0);
    for (let attempt = 1; ; attempt++) {
      try {
        await admin.resetOffsets({ groupId: sys.groupId(service), topic, earliest: true });
        break;
      } catch (error) {
        // The group may still show the stopped member for a moment.
        if (attempt >= 40) throw error;
        await sleep(500);
      }
    }
  }
  await sys.startService(service);
  return { service, group: sys.groupId(service), messagesReplayed: replayed };
}

/** Messages that can never be processed, keyed like real traffic (same partitions as live orders). */
export const POISON_PER_TOPIC = 6;

export async function injectPoison(sys: FaultSystem, orderIds: string[], perTopic = POISON_PER_TOPIC): Promise<FaultFacts> {
  const producer = sys.kafka.producer();
  await producer.connect();
  const headers = { [POISON_HEADER]: 'poison' };
  const envelope = (type: string, data: unknown, source = 'order') =>
    JSON.stringify({ id: randomUUID(), type, source, time: new Date().toISOString(), subject: orderIds[0] ?? randomUUID(), correlationId: randomUUID(), data });
  const kinds: { name: string; value: (topic: TopicName) => string | null }[] = [
    { name: 'not json', value: () => '{"this is not json' },
    { name: 'not an envelope', value: () => JSON.stringify({ hello: 'world' }) },
    { name: 'envelope, unknown type', value: () => envelope('order.teleported.v1', { orderId: orderIds[0] }) },
    { name: 'known type, invalid data', value: (t) => envelope(typeFor(t), { orderId: 42, lines: 'none' }, sourceFor(t)) },
    { name: 'empty value', value: () => null },
    { name: '1 MB of garbage', value: () => 'x'.repeat(1024 * 1024) },
  ];
  let sent = 0;
  try {
    for (const logical of Object.values(Topics)) {
      const messages = Array.from({ length: perTopic }, (_, i) => {
        const kind = kinds[i % kinds.length];
        return { key: orderIds[i % Math.max(1, orderIds.length)] ?? randomUUID(), value: kind.value(logical), headers: { ...headers, 'x-poison-kind': kind.name } };
      });
      await producer.send({ topic: sys.topic(logical), acks: -1, messages });
      sent += messages.length;
    }
  } finally {
    await producer.disconnect();
  }
  return { poisonMessages: sent, kinds: kinds.map((k) => k.name).join(', ') };
}

function typeFor(topic: TopicName): string {
  return { [Topics.order]: Events.orderPlaced.type, [Topics.inventory]: Events.inventoryReserved.type, [Topics.notification]: Events.notificationShopperNotified.type, [Topics.customerService]: Events.caseDecisionRecorded.type }[topic];
}

function sourceFor(topic: TopicName): string {
  return { [Topics.order]: 'order', [Topics.inventory]: 'inventory', [Topics.notification]: 'notification', [Topics.customerService]: 'customer-service' }[topic];
}

/** Every dead letter on the four DLQ topics, split into injected poison and real events. */
export async function deadLetters(sys: FaultSystem): Promise<{ poison: number; real: { topic: string; type: string; error: string; subject: string }[] }> {
  const topics = Object.values(Topics).map((t) => physicalTopic(deadLetterTopicOf(t), sys.sut.topicPrefix));
  const all = await readTopics(sys, topics);
  let poison = 0;
  const real: { topic: string; type: string; error: string; subject: string }[] = [];
  for (const { topic, message } of all) {
    if (message.headers?.[POISON_HEADER]?.toString() === 'poison') {
      poison += 1;
      continue;
    }
    let type = '?';
    let subject = '?';
    try {
      const json = JSON.parse(message.value?.toString() ?? '');
      type = json.type;
      subject = json.subject;
    } catch {
      /* keep ? */
    }
    real.push({ topic, type, subject, error: message.headers?.['x-dlq-error']?.toString() ?? '' });
  }
  return { poison, real };
}
