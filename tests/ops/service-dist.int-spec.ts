// What the image's build and runtime stages do, run for real without Docker: each service is
// transpiled by deploy/docker/build-dist.js (the same command as the Dockerfile's build stage, which
// also fails on a missing file or a non-production dependency), then started from dist/ with plain
// `node` in production mode against the real Kafka and PostgreSQL, and stopped with SIGTERM.
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CaseType } from '@askfirst/contracts';
import { createTestDatabase, freePort, testInfrastructure, uniqueTopicPrefix } from '@askfirst/testing';
import { defaultPort, NODE_MODULES, REPO_ROOT, secretEnvNamesOf, services } from './support/ops-files';

jest.setTimeout(120_000);

const SERVICES = services().map((s) => s.name);
let workDir: string;

beforeAll(() => {
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'askfirst-dist-'));
  // The image has its own production node_modules beside dist/; here the repository's stands in
  // (build-dist.js has already refused any import that is not a production dependency).
  fs.symlinkSync(NODE_MODULES, path.join(workDir, 'node_modules'), 'dir');
});

afterAll(() => {
  fs.rmSync(workDir, { recursive: true, force: true });
});

function buildDist(service: string): string {
  const out = path.join(workDir, service, 'dist');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.symlinkSync(NODE_MODULES, path.join(workDir, service, 'node_modules'), 'dir');
  execFileSync(process.execPath, [path.join(REPO_ROOT, 'deploy/docker/build-dist.js'), '--service', service, '--out', out, '--root', REPO_ROOT], { stdio: 'pipe' });
  return out;
}

async function waitFor(url: string, child: ChildProcess, log: () => string, timeoutMs = 60_000): Promise<Response> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`exited with ${child.exitCode} before ${url} answered:\n${log()}`);
    const response = await fetch(url).catch(() => undefined);
    if (response?.ok) return response;
    if (Date.now() > deadline) throw new Error(`${url} not OK after ${timeoutMs} ms:\n${log()}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe.each(SERVICES)('%s from dist/', (service) => {
  it('transpiles, starts in production mode with production secrets, gets ready, and stops on SIGTERM', async () => {
    const dist = buildDist(service);
    const main = path.join(dist, 'services', service, 'src', 'main.js');
    expect(fs.existsSync(main)).toBe(true);

    const db = await createTestDatabase(`dist_${service}`);
    const port = await freePort();
    const secret = () => randomBytes(32).toString('base64url');
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      PORT: String(port),
      DATABASE_URL: db.url,
      KAFKA_BROKERS: testInfrastructure().kafkaBrokers.join(','),
      KAFKA_TOPIC_PREFIX: uniqueTopicPrefix(`dist-${service}`),
    };
    // Production refuses missing secrets and the dev defaults: give every secret the service reads a fresh value.
    for (const name of secretEnvNamesOf(service)) env[name] = secret();
    let output = '';
    // `node dist/services/<name>/src/main.js`, as the image's CMD, from the image's WORKDIR layout.
    const child = spawn(process.execPath, [path.relative(path.dirname(dist), main)], { cwd: path.dirname(dist), env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout!.on('data', (d) => (output += d));
    child.stderr!.on('data', (d) => (output += d));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 + os.constants.signals[signal] : null))));
    try {
      const ready = await waitFor(`http://127.0.0.1:${port}/health/ready`, child, () => output);
      expect(await ready.json()).toMatchObject({ status: 'up' });
      expect((await fetch(`http://127.0.0.1:${port}/health/live`)).status).toBe(200);
      const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
      expect(metrics).toContain(`service="${service}"`);
      // Counters the dashboard increase()s have a zero series from the start, so the first event shows.
      expect(metrics).toMatch(/^askfirst_dlq_messages_total\{type="unknown",[^}]*\} 0$/m);
      if (service === 'customer-service') for (const type of Object.values(CaseType)) expect(metrics).toMatch(new RegExp(`^askfirst_sla_breaches_total\\{case_type="${type}",[^}]*\\} 0$`, 'm'));
      expect(defaultPort(service)).toBeGreaterThan(0);
    } finally {
      child.kill('SIGTERM');
      let timer: NodeJS.Timeout | undefined;
      const code = await Promise.race([exited, new Promise<'hung'>((r) => (timer = setTimeout(() => r('hung'), 30_000)))]);
      clearTimeout(timer);
      if (code === 'hung') child.kill('SIGKILL');
      await db.drop();
      // Nest re-raises the signal after its shutdown hooks: 143 (SIGTERM) or 0 is a clean stop.
      const clean = code === 0 || code === 143;
      expect({ code, clean, output: clean ? '' : output }).toEqual({ code, clean: true, output: '' });
    }
  });
});

it('ships the DLQ replay tool compiled beside the service (node dist/tools/dlq-replay.js)', () => {
  const dist = path.join(workDir, 'order', 'dist');
  if (!fs.existsSync(dist)) buildDist('order');
  const tool = path.join(dist, 'tools', 'dlq-replay.js');
  const out = execFileSync(process.execPath, [tool, '--help'], { cwd: path.dirname(dist), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).toString();
  expect(out).toBe('');
  const usage = (() => {
    try {
      execFileSync(process.execPath, [tool], { cwd: path.dirname(dist), stdio: ['ignore', 'pipe', 'pipe'] });
      return '';
    } catch (error) {
      return String((error as { stderr: Buffer }).stderr);
    }
  })();
  expect(usage).toContain('--topic is required');
  expect(usage).toContain('askfirst.order.v1');
});
