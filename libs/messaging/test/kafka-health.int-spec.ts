import { AddressInfo, createServer, Server } from 'node:net';
import { Module } from '@nestjs/common';
import { Kafka } from 'kafkajs';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSourceHealthIndicator, HealthModule, PlatformModule } from '@askfirst/platform';
import { createTestDatabase, RunningTestApp, startTestApp, TcpForwarder, testInfrastructure, uniqueTopicPrefix, waitFor } from '@askfirst/testing';
import { createKafka, KafkaHealthIndicator, MessagingModule, MESSAGING_MIGRATIONS } from '../src';
import { pingKafka } from '../src/kafka/topic-admin';

@Module({})
class ReadinessTestModule {}

// The real KafkaHealthIndicator, wired as every service wires it, reaching the broker through a
// loopback forwarder: closing the forwarder makes the service's Kafka address refuse connections
// without touching the shared broker.
describe('/health/ready when Kafka is unreachable (real indicator, real broker behind a closable port)', () => {
  const kafka = TcpForwarder.to(testInfrastructure().kafkaBrokers[0]);
  let database: { url: string; drop(): Promise<void> };
  let service: RunningTestApp;

  beforeAll(async () => {
    await kafka.start();
    database = await createTestDatabase('kafka-health');
    service = await startTestApp('order', {
      module: ReadinessTestModule,
      imports: [
        PlatformModule.forRoot({ service: 'order' }),
        TypeOrmModule.forRoot({ type: 'postgres', url: database.url, migrations: MESSAGING_MIGRATIONS, migrationsRun: true, poolSize: 2 }),
        MessagingModule.forService('order', { brokers: [kafka.address], topicPrefix: uniqueTopicPrefix('kafka-health') }),
        HealthModule.forRoot({ indicators: [DataSourceHealthIndicator, KafkaHealthIndicator] }),
      ],
    });
  }, 120_000);
  afterAll(async () => {
    await service?.close();
    await kafka.stop();
    await database?.drop();
  });

  it('answers 503 naming kafka (database still up) while the broker address refuses connections, and 200 once it answers again', async () => {
    expect((await fetch(`${service.url}/health/ready`)).status).toBe(200);

    await kafka.stop();
    const down = await fetch(`${service.url}/health/ready`);
    expect(down.status).toBe(503);
    expect(down.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(await down.json()).toMatchObject({
      failed: ['kafka'],
      checks: [{ name: 'database', status: 'up' }, { name: 'kafka', status: 'down' }],
    });
    // Liveness never looks at dependencies.
    expect((await fetch(`${service.url}/health/live`)).status).toBe(200);

    await kafka.start();
    await waitFor(async () => (await fetch(`${service.url}/health/ready`)).status === 200, { what: 'ready again', timeoutMs: 20_000 });
  });
});

// kafkajs connects an admin with its client's retries, whatever the admin's own `retry` says: a probe
// on the services' client kept reconnecting for ≈ 25 s after answering 503, once per probe.
describe('the readiness ping gives up after one try, also when connecting', () => {
  let server: Server;
  let attempts = 0;
  let address = '';

  beforeAll(async () => {
    // A port that accepts connections and cuts them at once: a broker that is there and is not.
    server = createServer((socket) => {
      attempts++;
      socket.destroy();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    address = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const attemptsWithin = async (kafka: Kafka, ms: number) => {
    const before = attempts;
    await expect(pingKafka(kafka)).rejects.toThrow();
    await new Promise((r) => setTimeout(r, ms));
    return attempts - before;
  };

  it('makes one connection attempt on a client made with retries: 0; on a retrying client the admin\'s own retries: 0 does not stop it reconnecting', async () => {
    expect(await attemptsWithin(createKafka({ brokers: [address], clientId: 'probe', retries: 0 }), 1_500)).toBe(1);
    const retrying = createKafka({ brokers: [address], clientId: 'services', retries: 2 });
    expect(await attemptsWithin(retrying, 1_500)).toBeGreaterThan(1);
  });
});
