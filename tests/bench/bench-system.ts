import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { parseBrokers } from '@askfirst/messaging';
import { createTestDatabase, deleteTopicsWithPrefix, freePort, REPO_ROOT, ServiceName, uniqueTopicPrefix, waitUntilReady } from '@askfirst/testing';
import { ALL_SERVICES } from '../e2e/support/system-under-test';

export { ALL_SERVICES };
export type { ServiceName };

/** What the benchmark drives: URLs, pids (for /proc) and the topic prefix of one running system. */
export interface BenchTarget {
  kind: 'own' | 'running';
  topicPrefix: string;
  urls: Record<ServiceName, string>;
  /** Database name per service (to attribute PostgreSQL backend CPU); undefined if unknown. */
  databases: Partial<Record<ServiceName, string>>;
  pid(name: ServiceName): number | undefined;
  /** Wall-clock time the process exited (own system only, after stop()). */
  exitedAt(name: ServiceName): number | undefined;
  logDir?: string;
  startupSeconds: number;
  stop(): Promise<void>;
}

/**
 * One service as an OS process, started like tools/stack.sh and tests/e2e ServiceProcess do
 * (`node -r tools/ts-register.js services/<name>/src/main.ts`), plus what the benchmark needs: a
 * readiness wait that fits a loaded 2-core machine (services compile TypeScript at start; the
 * e2e helper gives up after 60 s) and optional Node flags (--cpu-prof for --profile runs).
 */
class BenchServiceProcess {
  private child?: ChildProcess;
  private exited?: Promise<number | null>;
  exitedAt?: number;

  constructor(
    readonly name: ServiceName,
    readonly port: number,
    private readonly env: Record<string, string>,
    private readonly logDir: string,
    private readonly nodeArgs: string[],
    /** Compiled entry point (dist/…/main.js) and its working directory; absent: TypeScript sources through tools/ts-register.js. */
    private readonly dist?: { main: string; cwd: string },
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  async start(timeoutMs = Number(process.env.BENCH_READY_TIMEOUT_MS ?? 240_000)): Promise<void> {
    mkdirSync(this.logDir, { recursive: true });
    // The log file itself is the child's stdout and stderr. Through a pipe read by this process, a
    // busy bench let the 64 KB pipe fill, and pino then blocked the service's event loop until it
    // drained (atomic-sleep: 1.5 % of the order service's profile at 60 orders/s).
    const log = openSync(join(this.logDir, `${this.name}.log`), 'a');
    const flags = [...imageNodeArgs(this.name), ...this.nodeArgs];
    const args = this.dist
      ? [...flags, this.dist.main] // the image's CMD
      : [...flags, '-r', join(REPO_ROOT, 'tools/ts-register.js'), join(REPO_ROOT, `services/${this.name}/src/main.ts`)];
    const child = spawn(process.execPath, args, {
      cwd: this.dist?.cwd ?? REPO_ROOT,
      env: { ...this.env, PORT: String(this.port), NODE_OPTIONS: imageNodeOptions(this.name), MALLOC_ARENA_MAX: imageEnv(this.name, 'MALLOC_ARENA_MAX') },
      stdio: ['ignore', log, log],
    });
    closeSync(log);
    this.child = child;
    let exitedEarly = false;
    this.exited = new Promise((resolve) => child.once('exit', (code) => {
      exitedEarly = true;
      this.exitedAt = Date.now();
      resolve(code);
    }));
    await waitUntilReady({ name: this.name, url: this.url, logFile: join(this.logDir, `${this.name}.log`), exited: () => exitedEarly, timeoutMs, intervalMs: 250 });
  }

  /** SIGTERM: the service's graceful shutdown (and --cpu-prof writes its profile on that exit). */
  async stop(timeoutMs = 30_000): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    await this.exited;
    clearTimeout(timer);
    this.child = undefined;
  }
}

/**
 * What the Dockerfiles' build stage does (deploy/docker/build-dist.js), into test-output/bench-dist:
 * the services then run as the image runs them, `node dist/services/<name>/src/main.js`,
 * without compiling TypeScript in the process. The repository's node_modules stands in for the image's.
 */
export function buildDist(name: ServiceName, root = REPO_ROOT): { main: string; cwd: string } {
  const cwd = join(REPO_ROOT, 'test-output', 'bench-dist', `${name}-${process.pid}`);
  rmSync(cwd, { recursive: true, force: true });
  mkdirSync(cwd, { recursive: true });
  symlinkSync(join(REPO_ROOT, 'node_modules'), join(cwd, 'node_modules'), 'dir');
  execFileSync(process.execPath, [join(root, 'deploy/docker/build-dist.js'), '--service', name, '--out', join(cwd, 'dist'), '--root', root], { stdio: 'pipe' });
  return { main: join('dist', 'services', name, 'src', 'main.js'), cwd };
}

/**
 * The four services as real processes on their own fresh databases and topic prefix — the same
 * environment as tests/e2e SystemUnderTest, plus the benchmark's configuration (CONSUMER_CONCURRENCY…).
 * Always stops what it started and drops its databases, also when the start fails.
 */
export async function startOwnSystem(
  env: Record<string, string>,
  label = 'bench',
  nodeArgs: (name: ServiceName) => string[] = () => [],
  dist?: (name: ServiceName) => { main: string; cwd: string },
): Promise<BenchTarget> {
  const started = Date.now();
  const topicPrefix = uniqueTopicPrefix(label);
  const logDir = join(REPO_ROOT, 'test-output', 'logs', `${label}-${randomBytes(3).toString('hex')}`);
  const ports = new Map<ServiceName, number>();
  for (const name of ALL_SERVICES) ports.set(name, await freePort());
  const drops: (() => Promise<void>)[] = [];
  const processes = new Map<ServiceName, BenchServiceProcess>();
  const databases: Partial<Record<ServiceName, string>> = {};
  const stop = async () => {
    await Promise.all([...processes.values()].map((p) => p.stop(30_000).catch(() => undefined)));
    if (dist) for (const name of ALL_SERVICES) rmSync(dist(name).cwd, { recursive: true, force: true });
    for (const drop of drops) await drop().catch(() => undefined);
    // The run's topics and groups, so a shared single-node broker does not collect thousands of partitions.
    await deleteTopicsWithPrefix(parseBrokers(process.env.KAFKA_BROKERS), topicPrefix).catch(() => undefined);
  };
  try {
    const urls = {} as Record<ServiceName, string>;
    for (const name of ALL_SERVICES) urls[name] = `http://127.0.0.1:${ports.get(name)}`;
    const dbUrls = new Map<ServiceName, string>();
    for (const name of ALL_SERVICES) {
      const db = await createTestDatabase(name);
      drops.push(db.drop);
      dbUrls.set(name, db.url);
      databases[name] = db.name;
    }
    const shared: Record<string, string> = {
      ...(process.env as Record<string, string>),
      KAFKA_TOPIC_PREFIX: topicPrefix,
      NODE_ENV: 'test',
      ORDER_URL: urls.order,
      INVENTORY_URL: urls.inventory,
      NOTIFICATION_URL: urls.notification,
      CUSTOMER_SERVICE_URL: urls['customer-service'],
      PUBLIC_BASE_URL: urls.notification,
      ...env,
    };
    for (const name of ALL_SERVICES) {
      processes.set(name, new BenchServiceProcess(name, ports.get(name)!, { ...shared, DATABASE_URL: dbUrls.get(name)! }, logDir, nodeArgs(name), dist?.(name)));
    }
    await Promise.all([...processes.values()].map((p) => p.start()));
    return {
      kind: 'own', topicPrefix, urls, databases, logDir,
      pid: (name) => processes.get(name)?.pid,
      exitedAt: (name) => processes.get(name)?.exitedAt,
      startupSeconds: (Date.now() - started) / 1000,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** The stack `npm run up` started (tools/stack.sh): ports 3001-3004, pids in .local/services/<name>.pid, no topic prefix. */
export function runningSystem(): BenchTarget {
  const state = join(process.env.ASKFIRST_HOME ?? join(REPO_ROOT, '.local'), 'services');
  const port: Record<ServiceName, string> = {
    order: process.env.ORDER_PORT ?? '3001',
    inventory: process.env.INVENTORY_PORT ?? '3002',
    notification: process.env.NOTIFICATION_PORT ?? '3003',
    'customer-service': process.env.CUSTOMER_SERVICE_PORT ?? '3004',
  };
  const urls = Object.fromEntries(ALL_SERVICES.map((n) => [n, `http://127.0.0.1:${port[n]}`])) as Record<ServiceName, string>;
  const pid = (name: ServiceName) => {
    try {
      return Number(readFileSync(join(state, `${name}.pid`), 'utf8').trim()) || undefined;
    } catch {
      return undefined;
    }
  };
  const databases = Object.fromEntries(ALL_SERVICES.map((n) => [n, `askfirst_${n.replace(/-/g, '_')}`])) as Record<ServiceName, string>;
  return { kind: 'running', topicPrefix: process.env.KAFKA_TOPIC_PREFIX ?? '', urls, databases, pid, exitedAt: () => undefined, startupSeconds: 0, stop: async () => undefined };
}

function dockerfileOf(name: ServiceName | string): string {
  return readFileSync(join(REPO_ROOT, 'services', name, 'Dockerfile'), 'utf8');
}

/** A variable the service's image sets (its Dockerfile's ENV, quoted or not), so the bench runs the services as deployed. */
export function imageEnv(name: ServiceName | string, key: string): string {
  const match = new RegExp(`^\\s*(?:ENV\\s+)?${key}=(?:"([^"]*)"|(\\S+))`, 'm').exec(dockerfileOf(name));
  return match?.[1] ?? match?.[2] ?? '';
}

export function imageNodeOptions(name: ServiceName | string): string {
  return imageEnv(name, 'NODE_OPTIONS');
}

/** The Node flags of the image's CMD (`["node", <flags>…, "dist/…/main.js"]`): flags NODE_OPTIONS does not accept. */
export function imageNodeArgs(name: ServiceName | string): string[] {
  const match = /^CMD (\[.*\])\s*$/m.exec(dockerfileOf(name));
  const cmd = match ? (JSON.parse(match[1]) as string[]) : [];
  return cmd.slice(1, -1);
}
