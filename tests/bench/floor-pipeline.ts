import { randomUUID } from 'node:crypto';
import { Consumer, Producer } from 'kafkajs';
import { Pool } from 'pg';
import { consoleJsonLogger, createIdempotentProducer, createKafka } from '@askfirst/messaging';
import { createTestDatabase } from '@askfirst/testing';
import { Distribution, distribution } from './stats';

/**
 * The floor: what Kafka and PostgreSQL allow on this machine for the same number of hops as an
 * order takes — kafkajs consume → one-row INSERT commit → produce, and nothing else. Same broker,
 * same PostgreSQL server (its own fresh database), same partition count, same kafkajs consumer and
 * idempotent-producer settings as the services (libs/messaging), messages as large as the services'
 * events. All hops run in this one Node process.
 */
export interface FloorOptions {
  brokers: string[];
  hops: number;
  messages: number;
  /** Messages per second offered; 0 = as fast as possible (throughput). */
  rate: number;
  partitions?: number;
  /** Bytes of each Kafka message (the services' events average ~1 KB). */
  payloadBytes?: number;
  /** Stop waiting after this long; the result says timedOut. */
  timeoutMs?: number;
  onProgress?: (done: number, total: number) => void;
  /** Told the name of the floor's fresh database (to attribute its PostgreSQL backends' CPU). */
  onDatabase?: (name: string) => void;
  /** Told when the measured part starts and ends (wall clock ms). */
  onMeasured?: (start: number, end: number) => void;
}

export interface FloorResult {
  hops: number;
  messages: number;
  delivered: number;
  rate: number;
  seconds: number;
  /** Messages through every hop per second (first offer → last commit). */
  throughput: number;
  /** Offer → INSERT committed at the last hop. */
  latencyMs: Distribution;
  /** perHopMs[k]: offer → INSERT committed at hop k+1 (to compare with system paths of k+1 hops). */
  perHopMs: Distribution[];
  cpuSeconds: number;
  timedOut: boolean;
}

export async function runFloor(options: FloorOptions): Promise<FloorResult> {
  const run = `floor-${Date.now().toString(36)}-${randomUUID().slice(0, 6)}`;
  const partitions = options.partitions ?? 3;
  const kafka = createKafka({ brokers: options.brokers, clientId: run, ...(process.env.FLOOR_DEBUG ? { logger: consoleJsonLogger('floor', 'warn') } : {}) });
  const topics = Array.from({ length: options.hops + 1 }, (_, i) => `${run}.hop${i}`);
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.createTopics({ waitForLeaders: false, topics: topics.map((topic) => ({ topic, numPartitions: partitions, replicationFactor: 1 })) });
    // kafkajs's own waitForLeaders gives up on UNKNOWN_TOPIC_OR_PARTITION while a busy broker is
    // still creating partitions (see libs/messaging topic-admin): poll the metadata ourselves.
    const deadline = Date.now() + 60_000;
    for (;;) {
      const meta = await admin.fetchTopicMetadata({ topics }).catch(() => undefined);
      if (meta && meta.topics.length === topics.length && meta.topics.every((t) => t.partitions.length === partitions && t.partitions.every((p) => p.leader >= 0))) break;
      if (Date.now() > deadline) throw new Error(`floor topics have no leader after 60 s`);
      await new Promise((r) => setTimeout(r, 200));
    }
  } catch (error) {
    await admin.deleteTopics({ topics }).catch(() => undefined);
    throw error;
  } finally {
    await admin.disconnect();
  }
  const db = await createTestDatabase('floor');
  options.onDatabase?.(db.name);
  const pool = new Pool({ connectionString: db.url, max: 20 });
  // pool.end() resolves before its connections have closed; dropping the database WITH (FORCE) right
  // after terminates them, and an idle client's error with no listener would end the whole run.
  pool.on('error', () => undefined);
  const producer = createIdempotentProducer(kafka);
  const consumers: Consumer[] = [];
  try {
    await pool.query(`CREATE TABLE floor_rows (id uuid PRIMARY KEY, message_id text NOT NULL, hop int NOT NULL, payload text NOT NULL, at timestamptz NOT NULL DEFAULT now())`);
    await producer.connect();
    const sentAt = new Map<string, number>();
    const perHop: number[][] = Array.from({ length: options.hops }, () => []);
    let measuring = false;
    let done = 0;
    let target = Number.POSITIVE_INFINITY;
    let finish: () => void = () => undefined;

    for (let hop = 0; hop < options.hops; hop++) {
      const consumer = kafka.consumer({ groupId: `${run}.g${hop}`, sessionTimeout: 30_000, heartbeatInterval: 3_000, maxBytesPerPartition: 6 * 1024 * 1024, maxWaitTimeInMs: 1_000, allowAutoTopicCreation: false });
      if (process.env.FLOOR_DEBUG) {
        consumer.on(consumer.events.CRASH, (e) => process.stderr.write(`hop ${hop} crash ${String(e.payload.error)} restart=${e.payload.restart}\n`));
        consumer.on(consumer.events.GROUP_JOIN, (e) => process.stderr.write(`hop ${hop} join ${JSON.stringify(e.payload.memberAssignment)}\n`));
      }
      await consumer.connect();
      await consumer.subscribe({ topic: topics[hop], fromBeginning: true });
      const last = hop === options.hops - 1;
      await consumer.run({
        partitionsConsumedConcurrently: partitions,
        eachBatch: async ({ batch, resolveOffset, heartbeat, commitOffsetsIfNecessary }) => {
          // Like the services' consumer (libs/messaging): keep the session alive through a long batch,
          // and produce in chunks the broker accepts (a whole fetched batch can exceed max.message.bytes).
          const beat = setInterval(() => void heartbeat().catch(() => undefined), 2_000);
          try {
            let out: { key: string; value: Buffer }[] = [];
            const flush = async () => {
              if (!out.length) return;
              const chunk = out;
              out = [];
              await producer.send({ topic: topics[hop + 1], messages: chunk });
            };
            for (const message of batch.messages) {
              const value = message.value!;
              const id = value.toString('utf8', 0, 36);
              await pool.query(`INSERT INTO floor_rows (id, message_id, hop, payload) VALUES ($1, $2, $3, $4)`, [randomUUID(), id, hop, value.toString('utf8')]);
              const started = sentAt.get(id);
              if (measuring && started !== undefined) perHop[hop].push(Date.now() - started);
              if (last) {
                sentAt.delete(id);
                if (++done >= target) finish();
              } else {
                out.push({ key: message.key!.toString(), value });
                if (out.length >= 100) await flush();
              }
              resolveOffset(message.offset);
            }
            await flush();
            await commitOffsetsIfNecessary();
          } finally {
            clearInterval(beat);
          }
        },
      });
      consumers.push(consumer);
    }

    const padding = 'x'.repeat(Math.max(0, (options.payloadBytes ?? 1024) - 37));
    const send = async (count: number, rate: number, onSent?: (n: number) => void) => {
      const started = Date.now();
      for (let sent = 0; sent < count; ) {
        const due = rate > 0 ? Math.min(count, Math.floor(((Date.now() - started) / 1000) * rate) + 1) : Math.min(count, sent + 200);
        if (due > sent) {
          const ids = Array.from({ length: due - sent }, () => randomUUID());
          const now = Date.now();
          for (const id of ids) sentAt.set(id, now);
          await producer.send({ topic: topics[0], messages: ids.map((id) => ({ key: id, value: Buffer.from(`${id} ${padding}`) })) });
          sent = due;
          onSent?.(sent);
        }
        if (rate > 0) await new Promise((r) => setTimeout(r, 5));
      }
    };
    const waitDone = (count: number, timeoutMs: number) =>
      new Promise<boolean>((resolve) => {
        target = count;
        const timer = setTimeout(() => resolve(false), timeoutMs);
        finish = () => {
          clearTimeout(timer);
          resolve(true);
        };
        if (done >= count) finish();
      });

    // Warm-up: connections, group joins, JIT; not measured.
    const warm = Math.min(200, Math.max(20, Math.floor(options.messages / 20)));
    const warmed = waitDone(warm, 60_000);
    await send(warm, 0);
    if (!(await warmed)) throw new Error('floor warm-up did not complete in 60 s');

    done = 0;
    measuring = true;
    const cpu0 = process.cpuUsage();
    const began = Date.now();
    const finished = waitDone(options.messages, options.timeoutMs ?? 180_000);
    const progress = setInterval(() => options.onProgress?.(done, options.messages), 500);
    await send(options.messages, options.rate);
    const completed = await finished;
    clearInterval(progress);
    const seconds = (Date.now() - began) / 1000;
    options.onMeasured?.(began, Date.now());
    const cpu = process.cpuUsage(cpu0);
    return {
      hops: options.hops,
      messages: options.messages,
      delivered: done,
      rate: options.rate,
      seconds,
      throughput: Math.round((done / seconds) * 10) / 10,
      latencyMs: distribution(perHop[options.hops - 1]),
      perHopMs: perHop.map(distribution),
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
      timedOut: !completed,
    };
  } finally {
    await Promise.all(consumers.map((c) => c.disconnect().catch(() => undefined)));
    await producer.disconnect().catch(() => undefined);
    await pool.end().catch(() => undefined);
    await db.drop().catch(() => undefined);
    const cleanup = kafka.admin();
    await cleanup.connect().catch(() => undefined);
    await cleanup.deleteTopics({ topics }).catch(() => undefined);
    await cleanup.deleteGroups(topics.slice(0, -1).map((_, hop) => `${run}.g${hop}`)).catch(() => undefined);
    await cleanup.disconnect().catch(() => undefined);
  }
}
