// Dead-letter replay: reads chosen messages from `<topic>.dlq`, prints them with their error headers,
// and re-publishes the original key, value and headers (minus x-dlq-*) to the source topic named in
// the x-dlq-source-topic header. Safe to repeat: every consumer's inbox drops an event it has already
// applied (ARCHITECTURE.md I6), so replaying a message twice changes nothing.
//
//   tools/dlq-replay.sh --topic askfirst.order.v1 --partition 0 --offset 42 --dry-run
//   node -r ./tools/ts-register.js tools/dlq-replay.ts --topic askfirst.order.v1 --event-id <uuid>
//   (in a service image)  node dist/tools/dlq-replay.js --topic askfirst.order.v1 --from 0 --to 99
//
// Selection (exactly one; offsets are DLQ offsets, per partition):
//   --offset N          the message at offset N (with --partition when the DLQ has several)
//   --from N --to M     offsets N..M inclusive on each selected partition (either end may be left out)
//   --event-id ID       every dead letter whose envelope id is ID (scans the whole DLQ)
//   --all               everything currently in the DLQ
// Other options:
//   --partition P       only this DLQ partition
//   --dry-run           print, publish nothing
//   --brokers a:9092,b:9092   default $KAFKA_BROKERS, else 127.0.0.1:19092
//   --prefix P          physical topic prefix, default $KAFKA_TOPIC_PREFIX (empty in production)
//   --timeout-ms N      give up reading after N ms (default 30000)
// Output: one JSON line per selected message on stdout; a summary on stderr.
// Exit: 0 done, 1 failure, 2 usage error, 3 nothing matched.
import { randomBytes } from 'node:crypto';
import { IHeaders, Kafka, KafkaMessage } from 'kafkajs';
import { ALL_TOPICS, deadLetterTopicOf, DlqHeaders, physicalTopic } from '@askfirst/contracts';
import { createIdempotentProducer, createKafka, parseBrokers } from '@askfirst/messaging';

export type Selection =
  | { kind: 'offset'; offset: bigint }
  | { kind: 'range'; from?: bigint; to?: bigint }
  | { kind: 'event-id'; eventId: string }
  | { kind: 'all' };

export interface ReplayOptions {
  /** Logical source topic, e.g. askfirst.order.v1 (its DLQ is `<prefix><topic>.dlq`). */
  topic: string;
  selection: Selection;
  partition?: number;
  dryRun: boolean;
  brokers: string[];
  prefix: string;
  timeoutMs: number;
}

export interface ReplayRecord {
  dlq: { topic: string; partition: number; offset: string; timestamp: string };
  key: string | null;
  event?: { id?: unknown; type?: unknown; subject?: unknown };
  error?: string;
  attempts?: string;
  consumer?: string;
  failedAt?: string;
  source: { topic?: string; partition?: string; offset?: string };
  headers: Record<string, string>;
  action: 'replayed' | 'would-replay' | 'skipped';
  reason?: string;
  target?: string;
}

export interface ReplaySummary {
  dlqTopic: string;
  matched: number;
  replayed: number;
  skipped: number;
  records: ReplayRecord[];
}

export class UsageError extends Error {}

const DLQ_HEADER_PREFIX = 'x-dlq-';

export function parseArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): ReplayOptions {
  const values = new Map<string, string>();
  const flags = new Set<string>();
  const takesValue = new Set(['--topic', '--offset', '--from', '--to', '--event-id', '--partition', '--brokers', '--prefix', '--timeout-ms']);
  const booleans = new Set(['--dry-run', '--all']);
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [name, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    if (booleans.has(name)) flags.add(name);
    else if (takesValue.has(name)) {
      const value = inline ?? argv[++i];
      if (value === undefined || (inline === undefined && value.startsWith('--'))) throw new UsageError(`${name} needs a value`);
      values.set(name, value);
    } else if (name === '--help' || name === '-h') throw new UsageError('help');
    else throw new UsageError(`unknown argument ${arg}`);
  }
  const topic = values.get('--topic');
  if (!topic) throw new UsageError('--topic is required (e.g. --topic askfirst.order.v1)');
  if (topic.endsWith('.dlq')) throw new UsageError('--topic names the source topic (askfirst.order.v1), not its .dlq');
  const offset = (name: string) => {
    const raw = values.get(name);
    if (raw === undefined) return undefined;
    if (!/^\d+$/.test(raw)) throw new UsageError(`${name} must be a non-negative integer`);
    return BigInt(raw);
  };
  const modes = [values.has('--offset'), values.has('--from') || values.has('--to'), values.has('--event-id'), flags.has('--all')].filter(Boolean).length;
  if (modes !== 1) throw new UsageError('choose exactly one of --offset N, --from N/--to M, --event-id ID, --all');
  let selection: Selection;
  if (values.has('--offset')) selection = { kind: 'offset', offset: offset('--offset')! };
  else if (values.has('--event-id')) selection = { kind: 'event-id', eventId: values.get('--event-id')! };
  else if (flags.has('--all')) selection = { kind: 'all' };
  else {
    selection = { kind: 'range', from: offset('--from'), to: offset('--to') };
    if (selection.from !== undefined && selection.to !== undefined && selection.from > selection.to) throw new UsageError('--from must not be after --to');
  }
  const partitionRaw = values.get('--partition');
  if (partitionRaw !== undefined && !/^\d+$/.test(partitionRaw)) throw new UsageError('--partition must be a non-negative integer');
  const timeoutRaw = values.get('--timeout-ms') ?? '30000';
  if (!/^\d+$/.test(timeoutRaw)) throw new UsageError('--timeout-ms must be a positive integer');
  return {
    topic,
    selection,
    partition: partitionRaw === undefined ? undefined : Number(partitionRaw),
    dryRun: flags.has('--dry-run'),
    brokers: parseBrokers(values.get('--brokers') ?? env.KAFKA_BROKERS),
    prefix: values.get('--prefix') ?? env.KAFKA_TOPIC_PREFIX ?? '',
    timeoutMs: Number(timeoutRaw),
  };
}

function headerText(value: IHeaders[string]): string {
  if (value === undefined) return '';
  if (Array.isArray(value)) return value.map((v) => headerText(v)).join(',');
  return Buffer.isBuffer(value) ? value.toString('utf8') : String(value);
}

/** The original headers: everything the dead-letter publisher did not add. */
export function originalHeaders(headers: IHeaders | undefined): IHeaders {
  const kept: IHeaders = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (!name.toLowerCase().startsWith(DLQ_HEADER_PREFIX) && value !== undefined) kept[name] = value;
  }
  return kept;
}

function envelopeOf(value: Buffer | null): ReplayRecord['event'] {
  if (!value) return undefined;
  try {
    const parsed = JSON.parse(value.toString('utf8')) as Record<string, unknown>;
    return parsed && typeof parsed === 'object' ? { id: parsed.id, type: parsed.type, subject: parsed.subject } : undefined;
  } catch {
    return undefined;
  }
}

interface PartitionWindow {
  partition: number;
  start: bigint;
  /** Inclusive last offset to read. */
  end: bigint;
}

function windows(selection: Selection, offsets: { partition: number; low: string; high: string }[], only?: number): PartitionWindow[] {
  const result: PartitionWindow[] = [];
  for (const { partition, low, high } of offsets) {
    if (only !== undefined && partition !== only) continue;
    const first = BigInt(low);
    const last = BigInt(high) - 1n;
    let start = first;
    let end = last;
    if (selection.kind === 'offset') {
      start = selection.offset;
      end = selection.offset;
    } else if (selection.kind === 'range') {
      if (selection.from !== undefined) start = selection.from > first ? selection.from : first;
      if (selection.to !== undefined) end = selection.to < last ? selection.to : last;
    }
    if (start < first) start = first;
    if (end > last) end = last;
    if (start <= end) result.push({ partition, start, end });
  }
  return result;
}

/** Reads each window once with a throw-away consumer group (nothing is committed), then deletes the group. */
async function readWindows(kafka: Kafka, topic: string, wanted: PartitionWindow[], timeoutMs: number): Promise<{ partition: number; message: KafkaMessage }[]> {
  if (!wanted.length) return [];
  const groupId = `askfirst.ops.dlq-replay.${process.pid}.${randomBytes(4).toString('hex')}`;
  const consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false, sessionTimeout: 10_000, heartbeatInterval: 1_000 });
  const found: { partition: number; message: KafkaMessage }[] = [];
  const pending = new Map(wanted.map((w) => [w.partition, w]));
  try {
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    let finish!: () => void;
    const done = new Promise<void>((resolve) => (finish = resolve));
    await consumer.run({
      autoCommit: false,
      eachMessage: async ({ partition, message }) => {
        const window = pending.get(partition);
        if (!window) return;
        const offset = BigInt(message.offset);
        if (offset >= window.start && offset <= window.end) found.push({ partition, message });
        if (offset >= window.end) {
          pending.delete(partition);
          if (!pending.size) finish();
        }
      },
    });
    for (const w of wanted) consumer.seek({ topic, partition: w.partition, offset: w.start.toString() });
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)));
    const outcome = await Promise.race([done, timedOut]);
    clearTimeout(timer);
    if (outcome === 'timeout') {
      const left = [...pending.values()].map((w) => `partition ${w.partition} (up to offset ${w.end})`).join(', ');
      throw new Error(`timed out after ${timeoutMs} ms reading ${topic}: ${left} not reached`);
    }
  } finally {
    await consumer.disconnect().catch(() => undefined);
    const admin = kafka.admin();
    await admin
      .connect()
      .then(() => admin.deleteGroups([groupId]))
      .catch(() => undefined)
      .finally(() => admin.disconnect().catch(() => undefined));
  }
  return found.sort((a, b) => a.partition - b.partition || (BigInt(a.message.offset) < BigInt(b.message.offset) ? -1 : 1));
}

export async function replayDeadLetters(options: ReplayOptions, out: (record: ReplayRecord) => void = () => undefined): Promise<ReplaySummary> {
  const sourceTopic = physicalTopic(options.topic, options.prefix);
  const dlqTopic = deadLetterTopicOf(sourceTopic);
  const kafka = createKafka({ brokers: options.brokers, clientId: 'askfirst-dlq-replay' });

  const admin = kafka.admin();
  await admin.connect();
  let offsets: { partition: number; low: string; high: string }[];
  try {
    const existing = new Set(await admin.listTopics());
    if (!existing.has(dlqTopic)) throw new UsageError(`topic ${dlqTopic} does not exist on ${options.brokers.join(',')}`);
    if (!existing.has(sourceTopic)) throw new UsageError(`source topic ${sourceTopic} does not exist on ${options.brokers.join(',')}`);
    offsets = await admin.fetchTopicOffsets(dlqTopic);
  } finally {
    await admin.disconnect();
  }
  if (options.partition !== undefined && !offsets.some((o) => o.partition === options.partition)) {
    throw new UsageError(`${dlqTopic} has no partition ${options.partition} (it has ${offsets.length})`);
  }
  if (options.selection.kind === 'offset' && options.partition === undefined && offsets.length > 1) {
    const holding = offsets.filter((o) => BigInt(o.low) <= (options.selection as { offset: bigint }).offset && (options.selection as { offset: bigint }).offset < BigInt(o.high));
    if (holding.length !== 1) {
      throw new UsageError(`${dlqTopic} has ${offsets.length} partitions and offset ${options.selection.offset} exists in ${holding.length} of them: add --partition`);
    }
    options = { ...options, partition: holding[0].partition };
  }

  const read = await readWindows(kafka, dlqTopic, windows(options.selection, offsets, options.partition), options.timeoutMs);
  const selected = options.selection.kind === 'event-id' ? read.filter(({ message }) => envelopeOf(message.value)?.id === (options.selection as { eventId: string }).eventId) : read;

  const producer = options.dryRun || !selected.length ? undefined : createIdempotentProducer(kafka);
  await producer?.connect();
  const summary: ReplaySummary = { dlqTopic, matched: selected.length, replayed: 0, skipped: 0, records: [] };
  try {
    for (const { partition, message } of selected) {
      const headers = message.headers ?? {};
      const text = (name: string) => (headers[name] === undefined ? undefined : headerText(headers[name]));
      const kept = originalHeaders(headers);
      const target = text(DlqHeaders.sourceTopic);
      const record: ReplayRecord = {
        dlq: { topic: dlqTopic, partition, offset: message.offset, timestamp: new Date(Number(message.timestamp)).toISOString() },
        key: message.key ? message.key.toString('utf8') : null,
        event: envelopeOf(message.value),
        error: text(DlqHeaders.error),
        attempts: text(DlqHeaders.attempts),
        consumer: text(DlqHeaders.consumer),
        failedAt: text(DlqHeaders.failedAt),
        source: { topic: target, partition: text(DlqHeaders.sourcePartition), offset: text(DlqHeaders.sourceOffset) },
        headers: Object.fromEntries(Object.entries(kept).map(([k, v]) => [k, headerText(v)])),
        action: options.dryRun ? 'would-replay' : 'replayed',
        target,
      };
      // A dead letter is only sent back where it came from: the DLQ of X holds messages of X.
      if (!target) {
        record.action = 'skipped';
        record.reason = `no ${DlqHeaders.sourceTopic} header`;
      } else if (target !== sourceTopic) {
        record.action = 'skipped';
        record.reason = `${DlqHeaders.sourceTopic} is ${target}, expected ${sourceTopic}`;
      } else if (producer) {
        await producer.send({ topic: target, acks: -1, messages: [{ key: message.key, value: message.value, headers: kept }] });
      }
      if (record.action === 'skipped') summary.skipped++;
      else if (record.action === 'replayed') summary.replayed++;
      summary.records.push(record);
      out(record);
    }
  } finally {
    await producer?.disconnect().catch(() => undefined);
  }
  return summary;
}

const USAGE = `usage: dlq-replay --topic <source topic> (--offset N [--partition P] | --from N --to M | --event-id ID | --all)
                  [--partition P] [--dry-run] [--brokers host:port,...] [--prefix P] [--timeout-ms N]
known topics: ${ALL_TOPICS.join(', ')}`;

export async function main(argv = process.argv.slice(2)): Promise<number> {
  let options: ReplayOptions;
  try {
    options = parseArgs(argv);
  } catch (error) {
    if (error instanceof UsageError) {
      if (error.message !== 'help') console.error(`dlq-replay: ${error.message}`);
      console.error(USAGE);
      return error.message === 'help' ? 0 : 2;
    }
    throw error;
  }
  if (!ALL_TOPICS.includes(options.topic as (typeof ALL_TOPICS)[number])) {
    console.error(`dlq-replay: warning: ${options.topic} is not one of ${ALL_TOPICS.join(', ')}`);
  }
  try {
    const summary = await replayDeadLetters(options, (record) => process.stdout.write(`${JSON.stringify(record)}\n`));
    const verb = options.dryRun ? 'would replay' : 'replayed';
    console.error(`dlq-replay: ${summary.dlqTopic}: ${summary.matched} matched, ${options.dryRun ? summary.matched - summary.skipped : summary.replayed} ${verb}, ${summary.skipped} skipped`);
    return summary.matched === 0 ? 3 : summary.skipped ? 1 : 0;
  } catch (error) {
    console.error(`dlq-replay: ${error instanceof Error ? error.message : String(error)}`);
    return error instanceof UsageError ? 2 : 1;
  }
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
