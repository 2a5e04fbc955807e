import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { REPO_ROOT } from '@askfirst/testing';

const BIN = process.env.PG_BIN_DIR ?? '/usr/lib/postgresql/15/bin';

/**
 * A PostgreSQL cluster of the fault suite's own (initdb into .local/faults), on its own port, so the
 * suite can stop it the hard way (`pg_ctl -m immediate`) without touching the machine's shared
 * server that other engineers' tests use. Runs as the `postgres` OS user when started as root.
 */
export class PrivatePostgres {
  readonly dataDir: string;

  constructor(readonly port = Number(process.env.FAULTS_PG_PORT ?? 25432), home = join(REPO_ROOT, '.local', 'faults')) {
    this.dataDir = join(home, `pg-${port}`);
  }

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  static available(): boolean {
    return existsSync(join(BIN, 'initdb')) && existsSync(join(BIN, 'pg_ctl'));
  }

  async start(): Promise<this> {
    if (!existsSync(join(this.dataDir, 'PG_VERSION'))) this.init();
    this.pgCtl(['start', '-w', '-t', '60', '-l', join(this.dataDir, 'server.log')]);
    await this.waitReady();
    return this;
  }

  /** The crash: no checkpoint, every connection cut. */
  stopImmediate(): void {
    this.pgCtl(['stop', '-m', 'immediate', '-w']);
  }

  async restart(): Promise<void> {
    this.pgCtl(['start', '-w', '-t', '60', '-l', join(this.dataDir, 'server.log')]);
    await this.waitReady();
  }

  /** Stops (fast) and deletes the cluster. */
  destroy(): void {
    if (existsSync(join(this.dataDir, 'postmaster.pid'))) spawnSync(...this.asOwner([join(BIN, 'pg_ctl'), '-D', this.dataDir, 'stop', '-m', 'fast', '-w']), { stdio: 'ignore' });
    rmSync(this.dataDir, { recursive: true, force: true });
  }

  private init(): void {
    rmSync(this.dataDir, { recursive: true, force: true });
    mkdirSync(this.dataDir, { recursive: true });
    if (process.getuid?.() === 0) chownSync(this.dataDir, ownerUid(), ownerGid());
    execFileSync(...this.asOwner([join(BIN, 'initdb'), '-D', this.dataDir, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-sync']), { stdio: 'pipe' });
    const conf = [
      `port = ${this.port}`,
      `listen_addresses = '127.0.0.1'`,
      `unix_socket_directories = '${this.dataDir}'`,
      'max_connections = 300',
      // fsync off is safe here: the suite crashes PostgreSQL, never the OS. synchronous_commit stays
      // on: off, an immediate stop loses commits already acknowledged (it lost an accepted order once).
      'fsync = off',
      'full_page_writes = off',
      'shared_buffers = 64MB',
    ].join('\n');
    writeFileSync(join(this.dataDir, 'postgresql.auto.conf'), `${conf}\n`);
    if (process.getuid?.() === 0) chownSync(join(this.dataDir, 'postgresql.auto.conf'), ownerUid(), ownerGid());
  }

  private pgCtl(args: string[]): void {
    const [cmd, argv] = this.asOwner([join(BIN, 'pg_ctl'), '-D', this.dataDir, ...args]);
    const result = spawnSync(cmd, argv, { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`pg_ctl ${args[0]} failed (${result.status}): ${result.stderr || result.stdout}`);
  }

  private asOwner(command: string[]): [string, string[]] {
    return process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', ...command]] : [command[0], command.slice(1)];
  }

  private async waitReady(timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const client = new Client({ connectionString: this.url, connectionTimeoutMillis: 2_000 });
      try {
        await client.connect();
        await client.query('SELECT 1');
        return;
      } catch (error) {
        if (Date.now() > deadline) throw error;
        await new Promise((r) => setTimeout(r, 200));
      } finally {
        await client.end().catch(() => undefined);
      }
    }
  }
}

function ownerUid(): number {
  return Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
}

function ownerGid(): number {
  return Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
}
