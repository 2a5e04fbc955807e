import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

const REPO_ROOT = join(__dirname, '..', '..', '..', '..');

/** The service as a real OS process (started as tools/stack.sh does), for tests that crash it with SIGKILL. */
export class CustomerServiceProcess {
  private log = '';
  private readonly exited: Promise<void>;

  private constructor(private readonly child: ChildProcess) {
    child.stdout!.on('data', (d) => (this.log += d));
    child.stderr!.on('data', (d) => (this.log += d));
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
  }

  static start(env: Record<string, string>): CustomerServiceProcess {
    const child = spawn(process.execPath, ['-r', join(REPO_ROOT, 'tools/ts-register.js'), join(REPO_ROOT, 'services/customer-service/src/main.ts')], {
      cwd: REPO_ROOT,
      env: { ...env, NODE_OPTIONS: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return new CustomerServiceProcess(child);
  }

  /** Throws (with the process's output) once it has exited: a probe for `waitFor`. */
  assertRunning(): void {
    if (this.child.exitCode !== null || this.child.signalCode !== null) throw new Error(`customer-service exited: ${this.log.slice(-2000)}`);
  }

  /** No graceful shutdown: no flush of the outbox, no offset commit, no leaving the consumer group. */
  async kill(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
    await this.exited;
  }
}
