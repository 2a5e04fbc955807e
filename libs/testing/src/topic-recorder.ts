import { Consumer, Kafka, KafkaMessage } from 'kafkajs';
import { randomBytes } from 'node:crypto';
import { runTopicPrefix } from './infrastructure';

export interface RecordedMessage {
  topic: string;
  partition: number;
  offset: string;
  key?: string;
  value?: string;
  headers: Record<string, string>;
  json?: any;
  /** The message's Kafka timestamp (ms): when the producer sent it. */
  timestamp: number;
}

/** Reads everything on some topics into memory so a test can wait for what it expects to see. */
export class TopicRecorder {
  readonly messages: RecordedMessage[] = [];
  private consumer?: Consumer;

  constructor(private readonly kafka: Kafka, private readonly topics: string[]) {}

  async start(): Promise<this> {
    this.consumer = this.kafka.consumer({ groupId: `${runTopicPrefix()}recorder-${randomBytes(4).toString('hex')}`, allowAutoTopicCreation: false, maxWaitTimeInMs: 500 });
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: this.topics, fromBeginning: true });
    let ready = false;
    this.consumer.on(this.consumer.events.GROUP_JOIN, () => (ready = true));
    await this.consumer.run({
      eachMessage: async ({ topic, partition, message }) => {
        this.messages.push(toRecorded(topic, partition, message));
      },
    });
    const deadline = Date.now() + 15_000;
    while (!ready && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    return this;
  }

  ofType(type: string): RecordedMessage[] {
    return this.messages.filter((m) => m.json?.type === type);
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
  }
}

function toRecorded(topic: string, partition: number, message: KafkaMessage): RecordedMessage {
  const value = message.value?.toString();
  let json: unknown;
  try {
    json = value ? JSON.parse(value) : undefined;
  } catch {
    json = undefined;
  }
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(message.headers ?? {})) headers[k] = Array.isArray(v) ? String(v[0]) : String(v);
  return { topic, partition, offset: message.offset, key: message.key?.toString(), value, headers, json, timestamp: Number(message.timestamp) };
}
