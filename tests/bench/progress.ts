/** A one-line progress bar on stderr (a line every 5 s when stderr is not a terminal). */
export class Progress {
  private lastLine = 0;
  private readonly tty = process.stderr.isTTY === true;

  constructor(private readonly enabled: boolean, private readonly totalSeconds: number, private readonly started = Date.now()) {}

  update(phase: string, detail: string, force = false): void {
    if (!this.enabled) return;
    const elapsed = (Date.now() - this.started) / 1000;
    const share = Math.min(1, elapsed / this.totalSeconds);
    const width = 24;
    const filled = Math.round(share * width);
    const line = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(Math.round(share * 100)).padStart(3)}% ${fmt(elapsed)}/~${fmt(this.totalSeconds)} ${phase.padEnd(10)} ${detail}`;
    if (this.tty) process.stderr.write(`\r${line.slice(0, (process.stderr.columns ?? 160) - 1).padEnd(Math.min(159, (process.stderr.columns ?? 160) - 1))}`);
    else if (force || Date.now() - this.lastLine >= 5000) {
      this.lastLine = Date.now();
      process.stderr.write(`${line}\n`);
    }
  }

  log(message: string): void {
    if (this.tty && this.enabled) process.stderr.write('\r\x1b[K');
    process.stderr.write(`bench: ${message}\n`);
  }

  done(): void {
    if (this.tty && this.enabled) process.stderr.write('\n');
  }
}

function fmt(seconds: number): string {
  const s = Math.round(seconds);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}
