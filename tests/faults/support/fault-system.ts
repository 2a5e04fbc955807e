import { Admin, Kafka, logLevel } from 'kafkajs';
import { Pool } from 'pg';
import { ALL_TOPICS, physicalTopic, Topics, TopicName } from '@askfirst/contracts';
import { freePort, ServiceName, testTokens } from '@askfirst/testing';
import { createServer } from 'node:net';
import { ApiClient } from '../../e2e/support/http-client';
import { ALL_SERVICES, SystemUnderTest } from '../../e2e/support/system-under-test';
import { AuditReport, DatabaseUrls, runAudit } from '../../../tools/audit/audit';
import { PrivateKafka } from './private-kafka';
import { PrivatePostgres } from './private-postgres';
import { SwitchableSmtp } from './switchable-smtp';

/** What each service's consumer group reads (ARCHITECTURE.md §2). */
export const SUBSCRIPTIONS: Record<ServiceName, TopicName[]> = {
  order: [Topics.inventory, Topics.customerService, Topics.notification],
  inventory: [Topics.order],
  notification: [Topics.order, Topics.customerService],
  'customer-service': [Topics.order, Topics.notification],
};

export interface FaultSystemOptions {
  /** Run on a PostgreSQL cluster of our own (needed to stop PostgreSQL). */
  privatePostgres?: boolean;
  /** Run on a Kafka broker of our own (needed to stop Kafka). */
  privateKafka?: boolean;
  env?: Record<string, string>;
  label?: string;
}

export interface Quiescence {
  quiet: boolean;
  /** What is still moving, e.g. `order outbox 12`, `lag inventory←askfirst.order.v1 40`. */
  pending: string[];
}

/**
 * The system under test for the fault suite: the four services as real processes (SystemUnderTest,
 * unchanged, by composition) on a PostgreSQL and a Kafka the suite may stop, with an SMTP provider
 * it can make hang. Also the suite's eyes: read-only SQL per service, consumer lag, the audit.
 */
export class FaultSystem {
  pg?: PrivatePostgres;
  readonly kafkaBroker?: PrivateKafka;
  readonly smtp = new SwitchableSmtp();
  sut!: SystemUnderTest;
  kafka!: Kafka;
  private admin?: Admin;
  private readonly pools = new Map<ServiceName, Pool>();
  private readonly savedEnv: Record<string, string | undefined> = {};
  serviceToken = '';

  constructor(private readonly options: FaultSystemOptions = {}) {
    if (options.privateKafka) this.kafkaBroker = new PrivateKafka();
  }

  async start(): Promise<this> {
    for (const key of ['DATABASE_URL', 'KAFKA_BROKERS']) this.savedEnv[key] = process.env[key];
    if (this.options.privatePostgres) {
      // 25432 unless taken (another fault run on this machine): then any free port, own folder.
      this.pg = new PrivatePostgres(process.env.FAULTS_PG_PORT ? Number(process.env.FAULTS_PG_PORT) : (await portIsFree(25432)) ? 25432 : await freePort());
      this.pg.destroy();
      await this.pg.start();
      process.env.DATABASE_URL = this.pg.url;
    }
    if (this.kafkaBroker) {
      this.kafkaBroker.start();
      process.env.KAFKA_BROKERS = this.kafkaBroker.brokers;
    }
    await this.smtp.start();
    this.sut = new SystemUnderTest({ label: this.options.label ?? 'faults', env: this.serviceEnv() });
    try {
      await this.sut.start();
    } catch (error) {
      // SystemUnderTest gives each process 60 s to get ready; on a busy machine (two cores shared
      // with other test runs) the processes still starting get more time before we give up.
      await Promise.all(ALL_SERVICES.map((s) => this.sut.service(s).waitReady(300_000)));
    }
    this.kafka = new Kafka({ clientId: 'askfirst-faults', brokers: (process.env.KAFKA_BROKERS ?? '').split(','), logLevel: logLevel.NOTHING, retry: { retries: 3 } });
    this.serviceToken = await testTokens.service('faults');
    return this;
  }

  private serviceEnv(): Record<string, string> {
    return {
      LOG_LEVEL: process.env.FAULTS_LOG_LEVEL ?? 'warn',
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(this.smtp.port),
      NOTIFY_MAX_ATTEMPTS: '3',
      NOTIFY_BACKOFF_MS: '200',
      NOTIFY_REDELIVERY_MS: '2000',
      NOTIFY_ATTEMPT_TIMEOUT_MS: '3000',
      NOTIFY_DISPATCH_CONCURRENCY: '16',
      NOTIFY_DISPATCH_POLL_MS: '100',
      ORDER_DECISION_WINDOW_SCALE: '0.05',
      DATABASE_POOL_SIZE: '10',
      ...this.options.env,
    };
  }

  /** Starts a stopped service, giving it up to 5 minutes to get ready on a busy machine. */
  async startService(name: ServiceName): Promise<void> {
    try {
      await this.sut.service(name).start();
    } catch {
      await this.sut.service(name).waitReady(300_000);
    }
  }

  get databaseUrls(): DatabaseUrls {
    return Object.fromEntries(ALL_SERVICES.map((s) => [s, this.sut.databaseUrls.get(s)!])) as DatabaseUrls;
  }

  api(service: ServiceName, token = this.serviceToken): ApiClient {
    return new ApiClient(this.sut.url(service), token);
  }

  topic(name: TopicName | string): string {
    return physicalTopic(name, this.sut.topicPrefix);
  }

  groupId(service: ServiceName): string {
    return physicalTopic(`askfirst.${service}`, this.sut.topicPrefix);
  }

  async query<T = any>(service: ServiceName, sql: string, params: unknown[] = []): Promise<T[]> {
    let pool = this.pools.get(service);
    if (!pool) {
      pool = new Pool({ connectionString: this.sut.databaseUrls.get(service), max: 2, connectionTimeoutMillis: 5_000 });
      pool.on('error', () => undefined); // a PostgreSQL restart cuts idle connections
      this.pools.set(service, pool);
    }
    return (await pool.query(sql, params)).rows as T[];
  }

  async kafkaAdmin(): Promise<Admin> {
    if (!this.admin) {
      this.admin = this.kafka.admin();
      await this.admin.connect();
    }
    return this.admin;
  }

  async dropAdmin(): Promise<void> {
    await this.admin?.disconnect().catch(() => undefined);
    this.admin = undefined;
  }

  /** Messages each consumer group has still to process, per topic. */
  async consumerLag(): Promise<Record<string, number>> {
    const admin = await this.kafkaAdmin();
    const out: Record<string, number> = {};
    for (const service of ALL_SERVICES) {
      for (const logical of SUBSCRIPTIONS[service]) {
        const topic = this.topic(logical);
        const [ends, committed] = await Promise.all([admin.fetchTopicOffsets(topic), admin.fetchOffsets({ groupId: this.groupId(service), topics: [topic] })]);
        const done = new Map(committed[0]?.partitions.map((p) => [p.partition, Number(p.offset)]) ?? []);
        out[`${service}<-${logical}`] = ends.reduce((sum, p) => sum + Math.max(0, Number(p.high) - Math.max(0, done.get(p.partition) ?? 0)), 0);
      }
    }
    return out;
  }

  /**
   * Quiet = nothing left to happen by itself: every outbox published, every consumer caught up, no
   * order in transit or past its deadline, no substitution unanswered, every notice delivered and
   * every refund it announced requested.
   */
  async quiescence(): Promise<Quiescence> {
    const pending: string[] = [];
    for (const service of ALL_SERVICES) {
      const [{ n }] = await this.query(service, `SELECT count(*)::int AS n FROM outbox_messages WHERE published_at IS NULL`);
      if (n) pending.push(`${service} outbox ${n}`);
    }
    const [o] = await this.query(
      'order',
      `SELECT (SELECT count(*) FROM orders WHERE state IN ('PLACED', 'RESERVING'))::int AS transit,
              (SELECT count(*) FROM orders WHERE state = 'AWAITING_SHOPPER_DECISION' AND decision_deadline < now() - interval '2 seconds')::int AS overdue,
              (SELECT count(*) FROM order_lines WHERE state = 'SHORT' AND waiting_for = 'SUBSTITUTE')::int AS substituting,
              (SELECT count(*) FROM order_refunds WHERE status = 'PENDING_NOTICE')::int AS unrequested`,
    );
    if (o.transit) pending.push(`orders in transit ${o.transit}`);
    if (o.overdue) pending.push(`orders past their deadline ${o.overdue}`);
    if (o.substituting) pending.push(`lines waiting for a substitute ${o.substituting}`);
    if (o.unrequested) pending.push(`refunds waiting for notice ${o.unrequested}`);
    const [n] = await this.query('notification', `SELECT count(*) FILTER (WHERE status IN ('PENDING', 'FAILED'))::int AS open FROM notices`);
    if (n.open) pending.push(`notices not delivered ${n.open}`);
    for (const [key, lag] of Object.entries(await this.consumerLag())) if (lag) pending.push(`lag ${key} ${lag}`);
    return { quiet: pending.length === 0, pending };
  }

  /** Polls quiescence; returns the seconds it took, or throws with what was still pending. */
  async waitQuiet(timeoutMs: number): Promise<number> {
    const started = Date.now();
    let last: Quiescence = { quiet: false, pending: ['not checked yet'] };
    let lastLog = Date.now();
    while (Date.now() - started < timeoutMs) {
      try {
        last = await this.quiescence();
        if (last.quiet) return (Date.now() - started) / 1000;
        if (Date.now() - lastLog > 10_000) {
          lastLog = Date.now();
          process.stderr.write(`[faults]   +${Math.round((Date.now() - started) / 1000)}s still moving: ${last.pending.join('; ')}\n`);
        }
      } catch (error) {
        last = { quiet: false, pending: [`cannot look: ${String(error)}`] };
        await this.dropAdmin();
      }
      await new Promise((r) => setTimeout(r, 500));
    }
    throw new Error(`not quiet after ${timeoutMs / 1000}s: ${last.pending.join('; ')}`);
  }

  audit(graceSeconds = 5): Promise<AuditReport> {
    return runAudit(this.databaseUrls, { graceSeconds });
  }

  async stop(): Promise<void> {
    await this.dropAdmin();
    for (const pool of this.pools.values()) await pool.end().catch(() => undefined);
    this.pools.clear();
    await this.sut?.stop().catch(() => undefined);
    await this.smtp.stop().catch(() => undefined);
    if (process.env.FAULTS_KEEP !== '1') {
      this.kafkaBroker?.destroy();
      this.pg?.destroy();
    }
    for (const [key, value] of Object.entries(this.savedEnv)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
}

export { ALL_SERVICES, ALL_TOPICS };

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}
