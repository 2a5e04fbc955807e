import { serviceTestEnv, startTestApp, RunningTestApp, ServiceTestEnv } from '@askfirst/testing';
import { AppModule } from '../src/app.module';
import { loadConfig } from '../src/config';

describe('customer-service service boots on its own database and Kafka', () => {
  let env: ServiceTestEnv;
  let service: RunningTestApp;

  beforeAll(async () => {
    env = await serviceTestEnv('customer-service-health');
    service = await startTestApp('customer-service', AppModule.forRoot(loadConfig(env.env)));
  });
  afterAll(async () => {
    await service?.close();
    await env?.dropDatabase();
  });

  it('answers live and ready (database and Kafka checked), serves OpenAPI and metrics', async () => {
    expect((await fetch(`${service.url}/health/live`)).status).toBe(200);
    const ready = await fetch(`${service.url}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ checks: expect.arrayContaining([expect.objectContaining({ name: 'database', status: 'up' }), expect.objectContaining({ name: 'kafka', status: 'up' })]) });
    const docs = await fetch(`${service.url}/docs/json`);
    expect(((await docs.json()) as { openapi: string }).openapi).toMatch(/^3\./);
    expect(await (await fetch(`${service.url}/metrics`)).text()).toContain('http_request_duration_seconds');
  });

  it('ran its migrations at start (never synchronize)', async () => {
    const { DataSource } = await import('typeorm');
    const ds = service.app.get(DataSource);
    const tables: { tablename: string }[] = await ds.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public'`);
    expect(tables.map((t) => t.tablename)).toEqual(expect.arrayContaining(['outbox_messages', 'inbox_messages', 'migrations']));
  });
});
