import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { Global, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import { createEnvelope, Events } from '@askfirst/contracts';
import { PinoLoggerService, PlatformModule, RequestContext } from '@askfirst/platform';
import { EventConsumer } from './consumer/event-consumer';
import { DeadLetterPublisher } from './consumer/dead-letter-publisher';
import { UnprocessableEventError } from './errors';
import { MessagingLogger } from './logger';
import { MessagingModule } from './nest/messaging.module';
import { MESSAGING_LOGGER, MessagingRuntime } from './nest/messaging-runtime';
import { TransactionalOutbox } from './outbox/transactional-outbox';

function capturedPino() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk, _enc, done) {
      lines.push(JSON.parse(chunk.toString()));
      done();
    },
  });
  return { lines, logger: new PinoLoggerService({ service: 'inventory', level: 'info', destination }) };
}

// Nothing here connects: the runtime builds its Kafka clients lazily and the outbox only at use.
@Global()
@Module({ providers: [{ provide: DataSource, useValue: {} }], exports: [DataSource] })
class NoDatabaseModule {}

async function messagingLogger() {
  const { lines, logger } = capturedPino();
  const moduleRef = await Test.createTestingModule({
    imports: [NoDatabaseModule, PlatformModule.forRoot({ service: 'inventory' }), MessagingModule.forService('inventory')],
  })
    .overrideProvider(PinoLoggerService)
    .useValue(logger)
    .compile();
  return { lines, moduleRef, logger: moduleRef.get<MessagingLogger>(MESSAGING_LOGGER) };
}

describe('messaging logs', () => {
  it('go through the service’s pino logger, with service, context and the correlation id in progress', async () => {
    const { lines, moduleRef, logger } = await messagingLogger();
    RequestContext.run({ correlationId: 'corr-1' }, () => logger.warn('outbox publish failed; will retry', { failures: 2 }));
    moduleRef.get(MessagingRuntime).kafka.logger().error('Connection error', { broker: '127.0.0.1:1' });
    expect(lines[0]).toMatchObject({ level: 'warn', service: 'inventory', context: 'Messaging', correlationId: 'corr-1', msg: 'outbox publish failed; will retry', failures: 2 });
    expect(lines[1]).toMatchObject({ level: 'error', service: 'inventory', context: 'Messaging', msg: 'kafkajs: Connection error', broker: '127.0.0.1:1' });
  });

  it('say which event and which story a dead letter belongs to', async () => {
    const { lines, logger } = await messagingLogger();
    const orderId = randomUUID();
    const envelope = createEnvelope(Events.orderConfirmed, { orderId, shopperId: 'shopper-1', lines: [] }, { subject: orderId, correlationId: 'corr-2' });
    const dataSource = { transaction: (work: (manager: unknown) => Promise<unknown>) => work({ query: async () => [{ event_id: envelope.id }] }) };
    const outbox = { within: async (_manager: unknown, work: (tx: unknown) => Promise<unknown>) => ({ value: await work({}), staged: 0, afterCommit: [] }) };
    const dlq = { publish: async () => undefined };
    const consumer = new EventConsumer({} as never, dataSource as never, outbox as unknown as TransactionalOutbox, dlq as unknown as DeadLetterPublisher, {
      name: 'askfirst.inventory',
      topics: [],
      handlers: new Map([[envelope.type, async () => { throw new UnprocessableEventError('no such order here'); }]]),
      logger,
    });
    const message = { key: Buffer.from(orderId), value: Buffer.from(JSON.stringify(envelope)), offset: '7', headers: {} };
    // The consumer's per-message path, as a batch would call it (outside any request context).
    await (consumer as unknown as { processMessage(topic: string, partition: number, m: unknown): Promise<void> }).processMessage('order', 0, message);
    expect(lines.find((l) => l.msg === 'message dead-lettered')).toMatchObject({
      service: 'inventory', level: 'error', eventId: envelope.id, correlationId: 'corr-2', orderId, type: 'order.confirmed.v1', offset: '7',
    });
  });
});
