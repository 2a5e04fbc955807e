import { IHeaders, KafkaMessage, Producer } from 'kafkajs';
import { deadLetterTopicOf, DlqHeaders } from '@askfirst/contracts';

export interface DeadLetter {
  topic: string;
  partition: number;
  message: KafkaMessage;
  error: string;
  attempts: number;
  consumer: string;
}

/** Sends the original bytes and key to `<topic>.dlq` with headers that say where it came from and why. */
export class DeadLetterPublisher {
  constructor(private readonly producer: Producer) {}

  async publish({ topic, partition, message, error, attempts, consumer }: DeadLetter): Promise<void> {
    const headers: IHeaders = {
      ...message.headers,
      [DlqHeaders.sourceTopic]: topic,
      [DlqHeaders.sourcePartition]: String(partition),
      [DlqHeaders.sourceOffset]: message.offset,
      [DlqHeaders.error]: error.slice(0, 2_000),
      [DlqHeaders.attempts]: String(attempts),
      [DlqHeaders.consumer]: consumer,
      [DlqHeaders.failedAt]: new Date().toISOString(),
    };
    await this.producer.send({
      topic: deadLetterTopicOf(topic),
      acks: -1,
      messages: [{ key: message.key, value: message.value, headers }],
    });
  }
}
