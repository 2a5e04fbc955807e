import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { createTestDatabase, freePort, REPO_ROOT, ServiceName, ServiceProcess, testInfrastructure, uniqueTopicPrefix } from '@askfirst/testing';

export const ALL_SERVICES: ServiceName[] = ['inventory', 'order', 'notification', 'customer-service'];

export interface SystemOptions {
  services?: ServiceName[];
  /** Extra environment for every service (SMTP, SLA seconds, decision window scale…). */
  env?: Record<string, string>;
  label?: string;
}

/**
 * The four services as real processes on this run's own databases and topic prefix: what
 * cross-service, fault and benchmark tests drive through the public APIs and topics.
 */
export class SystemUnderTest {
  readonly topicPrefix: string;
  readonly logDir: string;
  private readonly processes = new Map<ServiceName, ServiceProcess>();
  private readonly drops: (() => Promise<void>)[] = [];
  readonly databaseUrls = new Map<ServiceName, string>();

  constructor(private readonly options: SystemOptions = {}) {
    const label = options.label ?? 'e2e';
    this.topicPrefix = uniqueTopicPrefix(label);
    this.logDir = join(REPO_ROOT, 'test-output', 'logs', `${label}-${randomBytes(3).toString('hex')}`);
  }

  async start(): Promise<this> {
    const { kafkaBrokers } = testInfrastructure();
    const names = this.options.services ?? ALL_SERVICES;
    const ports = new Map<ServiceName, number>();
    for (const name of ALL_SERVICES) ports.set(name, await freePort());
    for (const name of names) {
      const db = await createTestDatabase(name);
      this.drops.push(db.drop);
      this.databaseUrls.set(name, db.url);
    }
    const shared: Record<string, string> = {
      ...(process.env as Record<string, string>),
      KAFKA_BROKERS: kafkaBrokers.join(','),
      KAFKA_TOPIC_PREFIX: this.topicPrefix,
      LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? 'info',
      NODE_ENV: 'test',
      // Three Jest workers may each run four services on the machine's one PostgreSQL (max_connections 100).
      DATABASE_POOL_SIZE: process.env.TEST_DATABASE_POOL_SIZE ?? '5',
      ORDER_URL: `http://127.0.0.1:${ports.get('order')}`,
      INVENTORY_URL: `http://127.0.0.1:${ports.get('inventory')}`,
      NOTIFICATION_URL: `http://127.0.0.1:${ports.get('notification')}`,
      CUSTOMER_SERVICE_URL: `http://127.0.0.1:${ports.get('customer-service')}`,
      PUBLIC_BASE_URL: `http://127.0.0.1:${ports.get('notification')}`,
      ...this.options.env,
    };
    for (const name of names) {
      this.processes.set(name, new ServiceProcess(name, ports.get(name)!, { ...shared, DATABASE_URL: this.databaseUrls.get(name)! }, this.logDir));
    }
    // Start in parallel: each creates topics idempotently and runs its own migrations.
    await Promise.all([...this.processes.values()].map((p) => p.start()));
    return this;
  }

  service(name: ServiceName): ServiceProcess {
    const p = this.processes.get(name);
    if (!p) throw new Error(`${name} is not part of this system`);
    return p;
  }

  url(name: ServiceName): string {
    return this.service(name).url;
  }

  async restart(name: ServiceName, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    await this.service(name).stop(signal);
    await this.service(name).start();
  }

  async stop(): Promise<void> {
    await Promise.all([...this.processes.values()].map((p) => p.stop('SIGTERM').catch(() => undefined)));
    for (const drop of this.drops) await drop().catch(() => undefined);
  }
}
