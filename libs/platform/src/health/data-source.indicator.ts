import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { HealthIndicator } from './health-indicator.interface';

// Readiness of the service's PostgreSQL: the pool hands out a connection and it answers.
@Injectable()
export class DataSourceHealthIndicator implements HealthIndicator {
  readonly name = 'database';

  constructor(private readonly dataSource: DataSource) {}

  async check(): Promise<void> {
    if (!this.dataSource.isInitialized) throw new Error('DataSource is not initialized');
    await this.dataSource.query('SELECT 1');
  }
}
