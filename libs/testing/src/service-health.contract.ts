import { DynamicModule } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RunningTestApp, serviceTestEnv, ServiceTestEnv, startTestApp } from './service-app';

/**
 * The contract every service keeps at start: its own database migrated (never synchronize), Kafka
 * reachable, `/health/live`, `/health/ready`, OpenAPI at `/docs/json` and Prometheus `/metrics`.
 */
export function describeServiceBoots(name: string, appModule: (env: Record<string, string>) => DynamicModule): void {
  describe(`${name} service boots on its own database and Kafka`, () => {
    let env: ServiceTestEnv;
    let service: RunningTestApp;

    beforeAll(async () => {
      env = await serviceTestEnv(`${name}-health`);
      service = await startTestApp(name, appModule(env.env));
    });
    afterAll(async () => {
      await service?.close();
      await env?.dropDatabase();
    });

    it('answers live and ready (database and Kafka checked), serves OpenAPI and metrics', async () => {
      expect((await fetch(`${service.url}/health/live`)).status).toBe(200);
      const ready = await fetch(`${service.url}/health/ready`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toMatchObject({
        checks: expect.arrayContaining([expect.objectContaining({ name: 'database', status: 'up' }), expect.objectContaining({ name: 'kafka', status: 'up' })]),
      });
      const docs = (await (await fetch(`${service.url}/docs/json`)).json()) as { openapi: string };
      expect(docs.openapi).toMatch(/^3\./);
      expect(await (await fetch(`${service.url}/metrics`)).text()).toContain('http_request_duration_seconds');
    });

    it('ran its migrations at start (never synchronize)', async () => {
      const tables: { tablename: string }[] = await service.app.get(DataSource).query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public'`);
      expect(tables.map((t) => t.tablename)).toEqual(expect.arrayContaining(['outbox_messages', 'inbox_messages', 'migrations']));
    });
  });
}
