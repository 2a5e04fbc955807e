import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSourceHealthIndicator, HealthModule, PlatformModule } from '@askfirst/platform';
import { createTestDatabase, RunningTestApp, startTestApp, TcpForwarder, testInfrastructure, uniqueTopicPrefix, waitFor } from '@askfirst/testing';
import { KafkaHealthIndicator, MessagingModule, MESSAGING_MIGRATIONS } from '../src';

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
