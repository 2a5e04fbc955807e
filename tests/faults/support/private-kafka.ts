import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '@askfirst/testing';

/**
 * A second single-node Kafka for the fault suite (tools/local/kafka.sh with its own ASKFIRST_HOME and
 * ports), so the suite can stop and restart a broker without taking down the shared one at :19092.
 */
export class PrivateKafka {
  readonly home: string;

  constructor(readonly port = Number(process.env.FAULTS_KAFKA_PORT ?? 29092), readonly controllerPort = port + 1, home?: string) {
    this.home = home ?? join(REPO_ROOT, '.local', 'faults', `kafka-${port}`);
  }

  get brokers(): string {
    return `127.0.0.1:${this.port}`;
  }

  start(): this {
    this.run('up');
    return this;
  }

  /** SIGTERM, SIGKILL after 30 s (kafka.sh down). */
  stop(): void {
    this.run('down');
  }

  destroy(): void {
    this.run('down');
    rmSync(this.home, { recursive: true, force: true });
  }

  private run(command: 'up' | 'down'): void {
    const result = spawnSync('bash', [join(REPO_ROOT, 'tools/local/kafka.sh'), command], {
      encoding: 'utf8',
      env: { ...process.env, ASKFIRST_HOME: this.home, KAFKA_PORT: String(this.port), KAFKA_CONTROLLER_PORT: String(this.controllerPort) },
      timeout: 180_000,
    });
    if (result.status !== 0) throw new Error(`kafka.sh ${command} (port ${this.port}) failed: ${result.stderr}`);
  }
}
