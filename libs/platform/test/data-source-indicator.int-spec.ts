// The DataSource indicator against the real PostgreSQL (DATABASE_URL, else the local one), both
// on its own and wired through TypeOrmModule + HealthModule as a service would.
process.env.LOG_LEVEL ??= 'silent';

import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { AddressInfo } from 'node:net';
import { DataSource } from 'typeorm';
import { configureServiceApp, DataSourceHealthIndicator, HealthModule, PlatformModule } from '../src';

const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

describe('DataSourceHealthIndicator', () => {
  it('passes on a live database and fails once the DataSource is closed', async () => {
    const dataSource = await new DataSource({ type: 'postgres', url: DATABASE_URL }).initialize();
    const indicator = new DataSourceHealthIndicator(dataSource);
    await expect(indicator.check()).resolves.toBeUndefined();
    await dataSource.destroy();
    await expect(indicator.check()).rejects.toThrow(/not initialized/);
  });

  describe('wired through TypeOrmModule and HealthModule', () => {
    let app: INestApplication;
    let url: string;

    beforeAll(async () => {
      const moduleRef = await Test.createTestingModule({
        imports: [
          PlatformModule.forRoot({ service: 'test', auth: { jwtSecret: 'x'.repeat(40) } }),
          TypeOrmModule.forRoot({ type: 'postgres', url: DATABASE_URL, synchronize: false, entities: [] }),
          HealthModule.forRoot({ indicators: [DataSourceHealthIndicator] }),
        ],
      }).compile();
      app = configureServiceApp(moduleRef.createNestApplication({ bodyParser: false }), { name: 'test' });
      await app.listen(0, '127.0.0.1');
      url = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    });
    afterAll(() => app.close());

    it('reports the database up; 503 once it is gone', async () => {
      const up = await fetch(`${url}/health/ready`);
      expect(up.status).toBe(200);
      expect(await up.json()).toEqual({ status: 'up', checks: [{ name: 'database', status: 'up' }] });

      await app.get(DataSource).destroy();
      const down = await fetch(`${url}/health/ready`);
      expect(down.status).toBe(503);
      expect(await down.json()).toMatchObject({ failed: ['database'] });
    });
  });
});
