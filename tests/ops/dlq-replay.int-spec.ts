// tools/dlq-replay.ts against the real Kafka at KAFKA_BROKERS, on topics of this test's own prefix:
// dead letters (with the headers libs/messaging's DeadLetterPublisher writes) are selected by
// offset, range or event id, printed, and re-published to their source topic without x-dlq-*.
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { Kafka } from 'kafkajs';
import { deadLetterTopicOf, DlqHeaders, physicalTopic, Topics } from '@askfirst/contracts';
import { createIdempotentProducer, createKafka, ensureTopics } from '@askfirst/messaging';
import { testInfrastructure, TopicRecorder, uniqueTopicPrefix, waitFor } from '@askfirst/testing';
import { parseArgs, replayDeadLetters, ReplayOptions, ReplayRecord, UsageError } from '../../tools/dlq-replay';
import { REPO_ROOT } from './support/ops-files';

jest.setTimeout(120_000);

const run = promisify(execFile);
const prefix = uniqueTopicPrefix('dlq-replay');
const source = physicalTopic(Topics.order, prefix);
const dlq = deadLetterTopicOf(source);
const brokers = testInfrastructure().kafkaBrokers;
const orderIds = [randomUUID(), randomUUID(), randomUUID()];
const eventIds = [randomUUID(), randomUUID(), randomUUID()];
let kafka: Kafka;
const values: string[] = [];

function envelope(i: number) {
  return JSON.stringify({ id: eventIds[i], type: 'order.placed.v1', source: 'order', time: new Date().toISOString(), subject: orderIds[i], correlationId: `corr-${i}`, causationId: null, data: { n: i } });
}

function deadLetterHeaders(i: number, sourceTopic = source) {
  return {
    traceparent: `00-${'a'.repeat(31)}${i}-${'b'.repeat(15)}${i}-01`,
    'x-correlation-id': `corr-${i}`,
    [DlqHeaders.sourceTopic]: sourceTopic,
    [DlqHeaders.sourcePartition]: '0',
    [DlqHeaders.sourceOffset]: String(100 + i),
    [DlqHeaders.error]: `handler failed: boom ${i}`,
    [DlqHeaders.attempts]: '5',
    [DlqHeaders.consumer]: 'askfirst.inventory',
    [DlqHeaders.failedAt]: new Date().toISOString(),
  };
}

async function sourceCount(): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    return (await admin.fetchTopicOffsets(source)).reduce((n, p) => n + Number(p.high), 0);
  } finally {
    await admin.disconnect();
  }
}

const options = (overrides: Partial<ReplayOptions>): ReplayOptions => ({
  topic: Topics.order,
  selection: { kind: 'all' },
  dryRun: false,
  brokers,
  prefix,
  timeoutMs: 30_000,
  ...overrides,
});

/** The CLI as an operator runs it: tools/dlq-replay.sh (Node 24 + the swc require hook). */
async function cli(args: string[]): Promise<{ code: number; records: ReplayRecord[]; stderr: string }> {
  const env = { ...process.env, KAFKA_BROKERS: brokers.join(','), KAFKA_TOPIC_PREFIX: prefix, NODE_OPTIONS: '' };
  const result = await run('bash', [path.join(REPO_ROOT, 'tools/dlq-replay.sh'), ...args], { env, cwd: REPO_ROOT }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
  );
  const records = result.stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l) as ReplayRecord);
  return { code: result.code, records, stderr: result.stderr };
}

beforeAll(async () => {
  kafka = createKafka({ brokers, clientId: 'dlq-replay-test' });
  // One partition keeps DLQ offsets 0, 1, 2 predictable.
  await ensureTopics(kafka, { topicPrefix: prefix, partitions: 1, replicationFactor: 1 });
  values.push(envelope(0), envelope(1), envelope(2));
  const producer = createIdempotentProducer(kafka);
  await producer.connect();
  await producer.send({
    topic: dlq,
    acks: -1,
    messages: [
      { key: orderIds[0], value: values[0], headers: deadLetterHeaders(0) },
      { key: orderIds[1], value: values[1], headers: deadLetterHeaders(1) },
      // A dead letter claiming to come from another topic is never sent there by this DLQ's replay.
      { key: orderIds[2], value: values[2], headers: deadLetterHeaders(2, physicalTopic(Topics.inventory, prefix)) },
    ],
  });
  await producer.disconnect();
});

describe('dlq-replay', () => {
  it('prints a dry run with the error headers and publishes nothing', async () => {
    const { code, records, stderr } = await cli(['--topic', Topics.order, '--offset', '0', '--dry-run']);
    expect({ code, stderr }).toEqual({ code: 0, stderr: expect.stringContaining('1 matched, 1 would replay') });
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      action: 'would-replay',
      dlq: { topic: dlq, partition: 0, offset: '0' },
      key: orderIds[0],
      event: { id: eventIds[0], type: 'order.placed.v1', subject: orderIds[0] },
      error: 'handler failed: boom 0',
      attempts: '5',
      consumer: 'askfirst.inventory',
      source: { topic: source, partition: '0', offset: '100' },
      target: source,
    });
    expect(Object.keys(records[0].headers).sort()).toEqual(['traceparent', 'x-correlation-id']);
    expect(await sourceCount()).toBe(0);
  });

  it('replays one dead letter by event id to its source topic, with the original key, value and headers minus x-dlq-*', async () => {
    const recorder = await new TopicRecorder(kafka, [source]).start();
    try {
      const { code, records } = await cli(['--topic', Topics.order, '--event-id', eventIds[1]]);
      expect(code).toBe(0);
      expect(records.map((r) => [r.action, r.dlq.offset])).toEqual([['replayed', '1']]);
      const [replayed] = await waitFor(() => recorder.messages.length >= 1 && recorder.messages, { what: 'the replayed message on the source topic' });
      expect(replayed.key).toBe(orderIds[1]);
      expect(replayed.value).toBe(values[1]); // the same bytes
      expect(replayed.json).toMatchObject({ id: eventIds[1], subject: orderIds[1], data: { n: 1 } });
      expect(replayed.headers).toEqual({ traceparent: deadLetterHeaders(1).traceparent, 'x-correlation-id': 'corr-1' });
      expect(Object.keys(replayed.headers).filter((h) => h.startsWith('x-dlq-'))).toEqual([]);
    } finally {
      await recorder.stop();
    }
  });

  it('replays an offset range, and sends nothing whose x-dlq-source-topic names another topic', async () => {
    const before = await sourceCount();
    const summary = await replayDeadLetters(options({ selection: { kind: 'range', from: 0n, to: 2n } }));
    expect(summary.records.map((r) => [r.dlq.offset, r.action])).toEqual([
      ['0', 'replayed'],
      ['1', 'replayed'],
      ['2', 'skipped'],
    ]);
    expect(summary.records[2].reason).toContain(`expected ${source}`);
    expect(await sourceCount()).toBe(before + 2);
    // Nothing reached the topic the third dead letter named.
    const admin = kafka.admin();
    await admin.connect();
    const inventory = await admin.fetchTopicOffsets(physicalTopic(Topics.inventory, prefix));
    await admin.disconnect();
    expect(inventory.reduce((n, p) => n + Number(p.high), 0)).toBe(0);
  });

  it('exits 3 when nothing matches and 2 on a usage error', async () => {
    expect((await cli(['--topic', Topics.order, '--event-id', randomUUID()])).code).toBe(3);
    const usage = await cli(['--topic', Topics.order]);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('choose exactly one of');
  });

  it('parses its arguments strictly', () => {
    expect(parseArgs(['--topic', 'askfirst.order.v1', '--from', '5'], {})).toMatchObject({ selection: { kind: 'range', from: 5n, to: undefined }, prefix: '', brokers: ['127.0.0.1:19092'], dryRun: false });
    expect(parseArgs(['--topic=askfirst.order.v1', '--offset=7', '--partition', '2', '--dry-run'], { KAFKA_TOPIC_PREFIX: 'p.' })).toMatchObject({ selection: { kind: 'offset', offset: 7n }, partition: 2, prefix: 'p.', dryRun: true });
    expect(() => parseArgs(['--topic', 'askfirst.order.v1.dlq', '--all'], {})).toThrow(UsageError);
    expect(() => parseArgs(['--topic', 'askfirst.order.v1', '--all', '--offset', '1'], {})).toThrow(/exactly one/);
    expect(() => parseArgs(['--topic', 'askfirst.order.v1', '--from', '9', '--to', '3'], {})).toThrow(/--from/);
    expect(() => parseArgs(['--topic', 'askfirst.order.v1', '--offset', '-1'], {})).toThrow(UsageError);
  });
});
