import { Producer } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { createEnvelope, encodeEvent, EventDefinition, EventEnvelope, physicalTopic } from '@askfirst/contracts';
import { createIdempotentProducer, createKafka } from '@askfirst/messaging';

/** Produces contract events to this test's topics, keyed by order id like the real producers. */
export class EventProducer {
  private readonly producer: Producer;

  constructor(private readonly brokers: string[], private readonly topicPrefix: string) {
    this.producer = createIdempotentProducer(createKafka({ brokers, clientId: 'notification-test-producer' }));
  }

  async start(): Promise<this> {
    await this.producer.connect();
    return this;
  }

  async send<T extends { orderId: string }>(definition: EventDefinition<T>, data: T): Promise<EventEnvelope<T>> {
    const envelope = createEnvelope(definition, data, { subject: data.orderId, correlationId: randomUUID() });
    await this.resend(envelope, definition);
    return envelope;
  }

  /** Puts the very same envelope on the topic again (a replay). */
  async resend(envelope: EventEnvelope, definition: EventDefinition<any>): Promise<void> {
    await this.producer.send({
      topic: physicalTopic(definition.topic, this.topicPrefix),
      messages: [{ key: envelope.subject, value: encodeEvent(envelope), headers: { 'x-event-type': envelope.type } }],
    });
  }

  async stop(): Promise<void> {
    await this.producer.disconnect();
  }
}
