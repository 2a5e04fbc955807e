import { readdirSync, readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { cpus } from 'node:os';
import { Client } from 'pg';
import { Http } from './http';

const CPU_COUNT = cpus().length;

const CLK_TCK = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** CPU seconds (user + system) of one process from /proc/<pid>/stat, or undefined if it is gone. */
export function cpuSecondsOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(rest[11]) + Number(rest[12])) / CLK_TCK;
  } catch {
    return undefined;
  }
}

/**
 * Resident set size now and its peak (VmHWM), in MB, from /proc/<pid>/status; `fileMb` is the part
 * mapped from files (mostly the node binary's pages, shared by every Node process), `anonMb` the
 * process's own memory (V8 heap, malloc, stacks).
 */
export function memoryOf(pid: number): { rssMb: number; peakMb: number; anonMb: number; fileMb: number } | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    // A process that has exited but is not yet reaped (a zombie) still has a status, without memory lines.
    if (Number.isNaN(kb('VmHWM'))) return undefined;
    return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024, anonMb: kb('RssAnon') / 1024, fileMb: kb('RssFile') / 1024 };
  } catch {
    return undefined;
  }
}

export function loadAverage(): [number, number, number] {
  const [a, b, c] = readFileSync('/proc/loadavg', 'utf8').split(' ').map(Number);
  return [a, b, c];
}

function machineCpu(): { busy: number; total: number } {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const total = fields.reduce((s, v) => s + v, 0);
  const idle = fields[3] + (fields[4] ?? 0);
  return { busy: (total - idle) / CLK_TCK, total: total / CLK_TCK };
}

/** The process listening on the broker port of KAFKA_BROKERS (ss -ltnp), else the oldest kafka.Kafka JVM. */
function brokerPid(): number | undefined {
  const port = (process.env.KAFKA_BROKERS ?? '127.0.0.1:19092').split(',')[0].split(':').pop();
  try {
    const out = execFileSync('ss', ['-ltnpH', `sport = :${port}`], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    const pid = /pid=(\d+)/.exec(out)?.[1];
    if (pid) return Number(pid);
  } catch {
    /* no ss: fall back to the command line */
  }
  const jvms = readdirSync('/proc').filter((p) => /^\d+$/.test(p) && /kafka\.Kafka/.test(cmdline(p))).map(Number);
  return jvms.sort((a, b) => a - b)[0];
}

function cmdline(pid: string): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ').trim();
  } catch {
    return '';
  }
}

export interface ResourceSeriesPoint {
  t: number;
  /** Seconds this point covers. */
  dt: number;
  /** % of one core per service over the last interval. */
  cpu: Record<string, number>;
  rssMb: Record<string, number>;
  /** % of one core: the PostgreSQL backends serving each service's database. */
  pgCpu: Record<string, number>;
  brokerCpu: number | null;
  machineBusyPct: number;
  load1: number;
  benchCpu: number;
}

export interface ServiceResources {
  pid: number | undefined;
  cpuSeconds: number;
  peakRssMb: number;
  /** Peak sampled during the load phases (VmHWM includes start-up). */
  peakRssUnderLoadMb: number;
  /** At that peak: the process's own memory and the pages mapped from files (the node binary, shared). */
  peakRssUnderLoadAnonMb: number;
  peakRssUnderLoadFileMb: number;
  postgresCpuSeconds: number;
}

/**
 * Samples /proc once a second: each service's CPU and RSS, the PostgreSQL backends of each
 * service's database (their `postgres: … <db> …` process titles), the Kafka broker, the machine.
 */
export class ResourceSampler {
  readonly series: ResourceSeriesPoint[] = [];
  private timer?: NodeJS.Timeout;
  private last = new Map<string, number>();
  private pgLast = new Map<string, number>();
  private readonly totals = new Map<string, number>();
  private readonly pgTotals = new Map<string, number>();
  private readonly peaks = new Map<string, { rssMb: number; anonMb: number; fileMb: number }>();
  /** VmHWM as last sampled: summary() may run after the process has exited. */
  private readonly highWater = new Map<string, number>();
  private brokerPid?: number;
  private lastBroker?: number;
  private lastMachine = machineCpu();
  private lastBench = process.cpuUsage();
  private lastAt = Date.now();
  loadSamples: number[] = [];
  underLoad = false;

  constructor(
    private readonly origin: number,
    private readonly pids: Record<string, number | undefined>,
    private databases: Record<string, string | undefined>,
  ) {
    this.brokerPid = brokerPid();
    this.last = new Map(Object.entries(pids).map(([name, pid]) => [name, (pid && cpuSecondsOf(pid)) || 0]));
    this.lastBroker = this.brokerPid ? cpuSecondsOf(this.brokerPid) : undefined;
    this.scanPostgres();
  }

  start(intervalMs = 1000): void {
    this.timer = setInterval(() => this.sample(), intervalMs);
  }

  stop(): void {
    clearInterval(this.timer);
    this.sample();
  }

  /** Also attribute the backends of this database (the floor's) from now on. */
  watchDatabase(label: string, database: string): void {
    this.databases = { ...this.databases, [label]: database };
  }

  /**
   * CPU seconds spent between two times (seconds since origin), integrated from the samples:
   * per service process, per service database's PostgreSQL backends, the broker, this process.
   */
  cpuBetween(from: number, to: number): { service: Record<string, number>; postgres: Record<string, number>; broker: number; bench: number; machine: number; seconds: number } {
    const service: Record<string, number> = {};
    const postgres: Record<string, number> = {};
    let broker = 0;
    let bench = 0;
    let machine = 0;
    let seconds = 0;
    for (const p of this.series) {
      if (p.t - p.dt < from - 0.5 || p.t > to + 0.5) continue;
      seconds += p.dt;
      for (const [k, v] of Object.entries(p.cpu)) service[k] = (service[k] ?? 0) + (v / 100) * p.dt;
      for (const [k, v] of Object.entries(p.pgCpu)) postgres[k] = (postgres[k] ?? 0) + (v / 100) * p.dt;
      broker += ((p.brokerCpu ?? 0) / 100) * p.dt;
      bench += (p.benchCpu / 100) * p.dt;
      machine += (p.machineBusyPct / 100) * p.dt * CPU_COUNT;
    }
    return { service, postgres, broker, bench, machine, seconds };
  }

  /** Zeroes the CPU totals (after start-up and seeding), keeps sampling. */
  resetTotals(): void {
    this.totals.clear();
    this.pgTotals.clear();
    this.peaks.clear();
  }

  private scanPostgres(): Map<string, number> {
    const perDb = new Map<string, number>();
    const wanted = Object.entries(this.databases).filter(([, db]) => db) as [string, string][];
    if (!wanted.length) return perDb;
    const seen = new Set<string>();
    for (const pid of readdirSync('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      const cmd = cmdline(pid);
      if (!cmd.startsWith('postgres: ')) continue;
      const hit = wanted.find(([, db]) => cmd.includes(` ${db} `));
      if (!hit) continue;
      const cpu = cpuSecondsOf(Number(pid));
      if (cpu === undefined) continue;
      seen.add(pid);
      const before = this.pgLast.get(pid);
      this.pgLast.set(pid, cpu);
      // A backend we see for the first time: count from now (its earlier CPU was spent before we looked).
      if (before !== undefined) perDb.set(hit[0], (perDb.get(hit[0]) ?? 0) + (cpu - before));
    }
    for (const pid of [...this.pgLast.keys()]) if (!seen.has(pid)) this.pgLast.delete(pid);
    return perDb;
  }

  private sample(): void {
    const now = Date.now();
    const seconds = Math.max(0.001, (now - this.lastAt) / 1000);
    this.lastAt = now;
    const cpu: Record<string, number> = {};
    const rssMb: Record<string, number> = {};
    for (const [name, pid] of Object.entries(this.pids)) {
      if (!pid) continue;
      const c = cpuSecondsOf(pid);
      const m = memoryOf(pid);
      if (c !== undefined) {
        const delta = c - (this.last.get(name) ?? c);
        this.last.set(name, c);
        this.totals.set(name, (this.totals.get(name) ?? 0) + delta);
        cpu[name] = Math.round((delta / seconds) * 1000) / 10;
      }
      if (m) {
        rssMb[name] = Math.round(m.rssMb * 10) / 10;
        this.highWater.set(name, m.peakMb);
        if (this.underLoad && m.rssMb > (this.peaks.get(name)?.rssMb ?? 0)) this.peaks.set(name, m);
      }
    }
    const pg = this.scanPostgres();
    const pgCpu: Record<string, number> = {};
    for (const [name, delta] of pg) {
      this.pgTotals.set(name, (this.pgTotals.get(name) ?? 0) + delta);
      pgCpu[name] = Math.round((delta / seconds) * 1000) / 10;
    }
    let brokerCpu: number | null = null;
    if (this.brokerPid) {
      const b = cpuSecondsOf(this.brokerPid);
      if (b !== undefined && this.lastBroker !== undefined) brokerCpu = Math.round(((b - this.lastBroker) / seconds) * 1000) / 10;
      this.lastBroker = b;
    }
    const machine = machineCpu();
    const busyPct = Math.round(((machine.busy - this.lastMachine.busy) / Math.max(0.001, machine.total - this.lastMachine.total)) * 1000) / 10;
    this.lastMachine = machine;
    const bench = process.cpuUsage(this.lastBench);
    this.lastBench = process.cpuUsage();
    const load1 = loadAverage()[0];
    this.loadSamples.push(load1);
    this.series.push({
      t: Math.round((now - this.origin) / 100) / 10,
      dt: Math.round(seconds * 1000) / 1000,
      cpu, rssMb, pgCpu, brokerCpu, machineBusyPct: busyPct, load1,
      benchCpu: Math.round(((bench.user + bench.system) / 1e6 / seconds) * 1000) / 10,
    });
  }

  summary(): Record<string, ServiceResources> {
    const out: Record<string, ServiceResources> = {};
    for (const [name, pid] of Object.entries(this.pids)) {
      const m = pid ? memoryOf(pid) : undefined;
      out[name] = {
        pid,
        cpuSeconds: Math.round((this.totals.get(name) ?? 0) * 100) / 100,
        peakRssMb: Math.round((m?.peakMb ?? this.highWater.get(name) ?? NaN) * 10) / 10,
        peakRssUnderLoadMb: Math.round((this.peaks.get(name)?.rssMb ?? NaN) * 10) / 10,
        peakRssUnderLoadAnonMb: Math.round((this.peaks.get(name)?.anonMb ?? NaN) * 10) / 10,
        peakRssUnderLoadFileMb: Math.round((this.peaks.get(name)?.fileMb ?? NaN) * 10) / 10,
        postgresCpuSeconds: Math.round((this.pgTotals.get(name) ?? 0) * 100) / 100,
      };
    }
    return out;
  }
}

export interface MetricsPoint {
  t: number;
  backlog: Record<string, number>;
  lag: Record<string, number>;
  oldestAgeSeconds: Record<string, number>;
  /** prom-client default metrics: V8 heap in use and reserved (MB), and event-loop lag p99 (ms). */
  heapUsedMb: Record<string, number>;
  heapTotalMb: Record<string, number>;
  eventLoopLagP99Ms: Record<string, number>;
  /** askfirst_consumer_group_fallbacks_total since the service started: every reason, and lock conflicts alone. */
  groupFallbacks: Record<string, number>;
  lockConflictFallbacks: Record<string, number>;
}

/** Scrapes each service's /metrics: askfirst_outbox_backlog, askfirst_outbox_oldest_age_seconds, askfirst_consumer_lag (summed over topics). */
export class MetricsScraper {
  readonly series: MetricsPoint[] = [];
  private timer?: NodeJS.Timeout;
  private busy = false;

  constructor(private readonly origin: number, private readonly urls: Record<string, string>) {}

  start(intervalMs = 2000): void {
    this.timer = setInterval(() => void this.scrape(), intervalMs);
  }

  stop(): void {
    clearInterval(this.timer);
  }

  async scrape(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      const point: MetricsPoint = { t: Math.round((Date.now() - this.origin) / 100) / 10, backlog: {}, lag: {}, oldestAgeSeconds: {}, heapUsedMb: {}, heapTotalMb: {}, eventLoopLagP99Ms: {}, groupFallbacks: {}, lockConflictFallbacks: {} };
      await Promise.all(
        Object.entries(this.urls).map(async ([name, url]) => {
          const res = await new Http(url).text('/metrics').catch(() => undefined);
          if (!res || res.status !== 200) return;
          for (const line of res.body.split('\n')) {
            if (line.startsWith('askfirst_outbox_backlog')) point.backlog[name] = Number(line.split(' ').pop());
            else if (line.startsWith('askfirst_outbox_oldest_age_seconds')) point.oldestAgeSeconds[name] = Number(line.split(' ').pop());
            else if (line.startsWith('askfirst_consumer_lag')) point.lag[name] = (point.lag[name] ?? 0) + Number(line.split(' ').pop());
            else if (line.startsWith('nodejs_heap_size_used_bytes')) point.heapUsedMb[name] = Math.round(Number(line.split(' ').pop()) / 2 ** 20);
            else if (line.startsWith('nodejs_heap_size_total_bytes')) point.heapTotalMb[name] = Math.round(Number(line.split(' ').pop()) / 2 ** 20);
            else if (line.startsWith('nodejs_eventloop_lag_p99_seconds')) point.eventLoopLagP99Ms[name] = Math.round(Number(line.split(' ').pop()) * 1000);
            else if (line.startsWith('askfirst_consumer_group_fallbacks_total')) {
              const n = Number(line.split(' ').pop());
              point.groupFallbacks[name] = (point.groupFallbacks[name] ?? 0) + n;
              if (line.includes('reason="lock-conflict"')) point.lockConflictFallbacks[name] = (point.lockConflictFallbacks[name] ?? 0) + n;
            }
          }
        }),
      );
      this.series.push(point);
    } finally {
      this.busy = false;
    }
  }

  max(field: 'backlog' | 'lag' | 'oldestAgeSeconds' | 'heapUsedMb' | 'heapTotalMb' | 'eventLoopLagP99Ms' | 'groupFallbacks' | 'lockConflictFallbacks', from = 0, to = Number.POSITIVE_INFINITY): Record<string, number> {
    const out: Record<string, number> = {};
    for (const p of this.series) {
      if (p.t < from || p.t > to) continue;
      for (const [name, v] of Object.entries(p[field])) out[name] = Math.max(out[name] ?? 0, v);
    }
    return out;
  }
}

export interface EventCounters {
  handled: number;
  skipped: number;
  duplicate: number;
  deadLettered: number;
  published: number;
  /** askfirst_db_round_trips_total: queries sent to PostgreSQL. */
  roundTrips: number;
  /** Database transactions of the consumers, and batches the outbox relay published. */
  consumerTransactions: number;
  relayBatches: number;
}

/** Totals of askfirst_events_processed_total by outcome and askfirst_events_published_total, per service. */
export async function scrapeEventCounters(urls: Record<string, string>): Promise<Record<string, EventCounters>> {
  const out: Record<string, EventCounters> = {};
  await Promise.all(
    Object.entries(urls).map(async ([name, url]) => {
      const c: EventCounters = { handled: 0, skipped: 0, duplicate: 0, deadLettered: 0, published: 0, roundTrips: 0, consumerTransactions: 0, relayBatches: 0 };
      const res = await new Http(url).text('/metrics').catch(() => undefined);
      for (const line of res?.status === 200 ? res.body.split('\n') : []) {
        const value = Number(line.split(' ').pop());
        if (line.startsWith('askfirst_events_published_total')) c.published += value;
        else if (line.startsWith('askfirst_db_round_trips_total')) c.roundTrips += value;
        else if (line.startsWith('askfirst_consumer_transaction_events_count')) c.consumerTransactions += value;
        else if (line.startsWith('askfirst_outbox_relay_batch_events_count')) c.relayBatches += value;
        else if (line.startsWith('askfirst_events_processed_total')) {
          const outcome = /outcome="([^"]+)"/.exec(line)?.[1];
          if (outcome === 'handled') c.handled += value;
          else if (outcome === 'skipped') c.skipped += value;
          else if (outcome === 'duplicate') c.duplicate += value;
          else if (outcome === 'dead-lettered') c.deadLettered += value;
        }
      }
      out[name] = c;
    }),
  );
  return out;
}

export interface DatabaseCounters {
  commits: number;
  rollbacks: number;
  inserted: number;
  updated: number;
  deleted: number;
  returned: number;
}

/** pg_stat_database counters of each service database (commits, rows written): per-order costs. */
export async function databaseCounters(databaseUrl: string, databases: Record<string, string | undefined>): Promise<Record<string, DatabaseCounters>> {
  const names = Object.entries(databases).filter(([, db]) => db) as [string, string][];
  const client = new Client({ connectionString: databaseUrl });
  const out: Record<string, DatabaseCounters> = {};
  try {
    await client.connect();
    // Statistics are flushed by backends at most once a second; a fresh snapshot sees the latest.
    await client.query('SELECT pg_stat_clear_snapshot()');
    const { rows } = await client.query(
      `SELECT datname, xact_commit::float8 AS commits, xact_rollback::float8 AS rollbacks, tup_inserted::float8 AS inserted,
              tup_updated::float8 AS updated, tup_deleted::float8 AS deleted, tup_returned::float8 AS returned
         FROM pg_stat_database WHERE datname = ANY($1)`,
      [names.map(([, db]) => db)],
    );
    for (const [service, db] of names) {
      const row = rows.find((r) => r.datname === db);
      if (row) out[service] = { commits: row.commits, rollbacks: row.rollbacks, inserted: row.inserted, updated: row.updated, deleted: row.deleted, returned: row.returned };
    }
  } catch {
    /* statistics are a nice-to-have */
  } finally {
    await client.end().catch(() => undefined);
  }
  return out;
}

export interface TableScanStats {
  table: string;
  seqScans: number;
  seqRowsRead: number;
  indexScans: number;
  rows: number;
}

/** Tables read by sequential scans in one service database (pg_stat_user_tables), most rows read first. */
export async function tableScans(databaseUrl: string, database: string): Promise<TableScanStats[]> {
  const url = new URL(databaseUrl);
  url.pathname = `/${database}`;
  const client = new Client({ connectionString: url.toString() });
  try {
    await client.connect();
    const { rows } = await client.query(
      `SELECT relname AS table, seq_scan::float8 AS "seqScans", seq_tup_read::float8 AS "seqRowsRead", COALESCE(idx_scan, 0)::float8 AS "indexScans", n_live_tup::float8 AS rows
         FROM pg_stat_user_tables ORDER BY seq_tup_read DESC, seq_scan DESC LIMIT 8`,
    );
    return rows;
  } catch {
    return [];
  } finally {
    await client.end().catch(() => undefined);
  }
}
