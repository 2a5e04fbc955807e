import { randomUUID } from 'node:crypto';
import { Consumer, Kafka, Producer } from 'kafkajs';
import { Pool } from 'pg';
import { createKafka, createIdempotentProducer } from '@askfirst/messaging';

/**
 * The floor: what Kafka and PostgreSQL allow on this machine for the same number of hops as an
 * order takes — kafkajs consume → one-row INSERT commit → produce, and nothing else.
 */
export interface FloorOptions {
  brokers: string[];
  databaseUrl: string;
  hops: number;
  messages: number;
  /** Messages per second offered; 0 = as fast as possible. */
  rate: number;
  partitions?: number;
}

export interface FloorResult {
  hops: number;
  messages: number;
  seconds: number;
  throughput: number;
  latencyMs: { p50: number; p95: number; p99: number };
}

export async function runFloor(options: FloorOptions): Promise<FloorResult> {
  const run = `floor-${Date.now().toString(36)}`;
  const kafka = createKafka({ brokers: options.brokers, clientId: run });
  const topics = Array.from({ length: options.hops + 1 }, (_, i) => `${run}.hop${i}`);
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ waitForLeaders: true, topics: topics.map((topic) => ({ topic, numPartitions: options.partitions ?? 3, replicationFactor: 1 })) });
  await admin.disconnect();
  const pool = new Pool({ connectionString: options.databaseUrl, max: 10 });
  await pool.query(`CREATE TABLE IF NOT EXISTS floor_rows (id uuid PRIMARY KEY, hop int NOT NULL, at timestamptz NOT NULL DEFAULT now())`);

  const producer = createIdempotentProducer(kafka);
  await producer.connect();
  const consumers: Consumer[] = [];
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  let done = 0;
  let finish!: () => void;
  const finished = new Promise<void>((r) => (finish = r));

  for (let hop = 0; hop < options.hops; hop++) {
    const consumer = kafka.consumer({ groupId: `${run}.g${hop}` });
    await consumer.connect();
    await consumer.subscribe({ topic: topics[hop], fromBeginning: true });
    const last = hop === options.hops - 1;
    await consumer.run({
      partitionsConsumedConcurrently: options.partitions ?? 3,
      eachBatch: async ({ batch, resolveOffset, heartbeat }) => {
        const out: { key: string; value: string }[] = [];
        for (const message of batch.messages) {
          const id = message.value!.toString();
          await pool.query(`INSERT INTO floor_rows (id, hop) VALUES ($1, $2)`, [randomUUID(), hop]);
          if (last) {
            latencies.push(Date.now() - sentAt.get(id)!);
            if (++done === options.messages) finish();
          } else out.push({ key: message.key!.toString(), value: id });
          resolveOffset(message.offset);
        }
        if (out.length) await producer.send({ topic: topics[hop + 1], messages: out });
        await heartbeat();
      },
    });
    consumers.push(consumer);
  }

  const started = Date.now();
  await offer(producer, topics[0], options, sentAt);
  await finished;
  const seconds = (Date.now() - started) / 1000;

  await Promise.all(consumers.map((c) => c.disconnect()));
  await producer.disconnect();
  await pool.query(`DROP TABLE IF EXISTS floor_rows`);
  await pool.end();
  const cleanup = kafka.admin();
  await cleanup.connect();
  await cleanup.deleteTopics({ topics }).catch(() => undefined);
  await cleanup.disconnect();
  return { hops: options.hops, messages: options.messages, seconds, throughput: options.messages / seconds, latencyMs: percentiles(latencies) };
}

async function offer(producer: Producer, topic: string, options: FloorOptions, sentAt: Map<string, number>): Promise<void> {
  const tick = 50;
  const perTick = options.rate > 0 ? Math.max(1, Math.round((options.rate * tick) / 1000)) : 200;
  for (let sent = 0; sent < options.messages; ) {
    const began = Date.now();
    const batch = Array.from({ length: Math.min(perTick, options.messages - sent) }, () => randomUUID());
    for (const id of batch) sentAt.set(id, Date.now());
    await producer.send({ topic, messages: batch.map((id) => ({ key: id, value: id })) });
    sent += batch.length;
    if (options.rate > 0) await new Promise((r) => setTimeout(r, Math.max(0, tick - (Date.now() - began))));
  }
}

export function percentiles(values: number[]): { p50: number; p95: number; p99: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : NaN);
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99) };
}

export type { Kafka };
