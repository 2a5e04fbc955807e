import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, WriteStream } from 'node:fs';
import { join } from 'node:path';

export const REPO_ROOT = join(__dirname, '..', '..', '..');
export type ServiceName = 'order' | 'inventory' | 'notification' | 'customer-service';

/** One service as a real OS process, started exactly like `tools/stack.sh` does. */
export class ServiceProcess {
  private child?: ChildProcess;
  private log?: WriteStream;
  private exited?: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  constructor(
    readonly name: ServiceName,
    readonly port: number,
    private readonly env: Record<string, string>,
    private readonly logDir: string,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  async start(): Promise<void> {
    mkdirSync(this.logDir, { recursive: true });
    this.log = createWriteStream(join(this.logDir, `${this.name}.log`), { flags: 'a' });
    const child = spawn(process.execPath, ['-r', join(REPO_ROOT, 'tools/ts-register.js'), join(REPO_ROOT, `services/${this.name}/src/main.ts`)], {
      cwd: REPO_ROOT,
      env: { ...this.env, PORT: String(this.port), NODE_OPTIONS: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    child.stdout!.pipe(this.log, { end: false });
    child.stderr!.pipe(this.log, { end: false });
    this.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
    await this.waitReady();
  }

  async waitReady(timeoutMs = 120_000): Promise<void> {
    let exitedEarly = false;
    void this.exited?.then(() => (exitedEarly = true));
    await waitUntilReady({ name: this.name, url: this.url, logFile: join(this.logDir, `${this.name}.log`), exited: () => exitedEarly, timeoutMs, intervalMs: 200 });
  }

  /** Throws once the process has exited (a probe for `waitFor`, so a crash fails fast). */
  assertRunning(): void {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) throw new Error(`${this.name} is not running; see ${join(this.logDir, `${this.name}.log`)}`);
  }

  /**
   * SIGTERM waits for the graceful shutdown (Nest re-raises the signal once it is done, so a clean
   * stop ends with signal SIGTERM); SIGKILL is the crash. A shutdown that hangs is killed after
   * `timeoutMs` and reports SIGKILL.
   */
  async stop(signal: NodeJS.Signals = 'SIGTERM', timeoutMs = 30_000): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return { code: child?.exitCode ?? null, signal: child?.signalCode ?? null };
    child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    const exit = await this.exited!;
    clearTimeout(timer);
    this.child = undefined;
    return exit;
  }
}

/** Polls a service's /health/ready until it answers 200; fails at once if the process has exited. */
export async function waitUntilReady(o: { name: string; url: string; logFile: string; exited: () => boolean; timeoutMs: number; intervalMs: number }): Promise<void> {
  const deadline = Date.now() + o.timeoutMs;
  while (Date.now() < deadline) {
    if (o.exited()) throw new Error(`${o.name} exited during start; see ${o.logFile}`);
    try {
      const res = await fetch(`${o.url}/health/ready`, { signal: AbortSignal.timeout(2_000) });
      if (res.status === 200) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, o.intervalMs));
  }
  throw new Error(`${o.name} not ready after ${o.timeoutMs} ms; see ${o.logFile}`);
}
