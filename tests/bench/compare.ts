// Side by side: node -r ./tools/ts-register.js tests/bench/compare.ts bench/results/runs/A.json bench/results/runs/B.json …
// Prints the figures that decide a change: throughput, latencies, CPU per order, memory, load average.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';

const files = process.argv.slice(2);
if (!files.length) {
  process.stderr.write('usage: compare.ts result.json [result.json …]\n');
  process.exit(2);
}
const results = files.map((f) => ({ name: basename(f).replace(/\.json$/, '').replace(/^\d{4}-\d\d-\d\dT[\d-]+Z-/, ''), r: JSON.parse(readFileSync(f, 'utf8')) }));
const sum = (o: Record<string, number> | undefined) => Object.values(o ?? {}).reduce((a, b) => a + (b ?? 0), 0);
const rows: [string, (r: any) => unknown][] = [
  ['load avg under load (mean)', (r) => r.environment.loadAverage.duringLoadMean],
  ['run mode', (r) => r.environment.runMode],
  ['service env (beyond defaults)', (r) => Object.entries(r.environment.serviceEnv ?? {}).filter(([k, v]) => !(k === 'LOG_LEVEL' && v === 'info') && !(k === 'KAFKA_PARTITIONS' && v === '3')).map(([k, v]) => `${k}=${v}`).join(' ') || '-'],
  ['fixed: offered/s', (r) => r.phases.fixed?.placedPerSecond],
  ['fixed: settled/s', (r) => r.phases.fixed?.settledPerSecondInWindow],
  ['fixed: held', (r) => r.phases.fixed?.sustainable],
  ['saturation: settled/s (steady)', (r) => r.phases.saturation?.settledPerSecondSteady],
  ['sustain: settled/s', (r) => r.phases.sustain?.settledPerSecondInWindow],
  ['headline settled/s', (r) => r.headline.settledOrdersPerSecond],
  ['p50 / p99 POST /orders ms', (r) => `${r.phases.fixed?.latency.placeRequestMs.p50} / ${r.phases.fixed?.latency.placeRequestMs.p99}`],
  ['p50 / p99 placed→confirmed ms', (r) => `${r.phases.fixed?.latency.placedToConfirmedMs.p50} / ${r.phases.fixed?.latency.placedToConfirmedMs.p99}`],
  ['p50 / p99 shortage→notified ms', (r) => `${r.phases.fixed?.latency.shortageToShopperNotifiedMs.p50} / ${r.phases.fixed?.latency.shortageToShopperNotifiedMs.p99}`],
  ['p50 / p99 shortage→case queued ms', (r) => `${r.phases.fixed?.latency.shortageToCaseInQueueMs.p50} / ${r.phases.fixed?.latency.shortageToCaseInQueueMs.p99}`],
  ['p99 ask→case queued ms', (r) => r.phases.fixed?.latency.askForHumanToCaseInQueueMs.p99],
  ['CPU ms/order services (fixed)', (r) => round(sum(r.phases.fixed?.cost?.cpuMsPerOrder))],
  ['CPU ms/order PostgreSQL (fixed)', (r) => round(sum(r.phases.fixed?.cost?.postgresCpuMsPerOrder))],
  ['CPU ms/order broker (fixed)', (r) => r.phases.fixed?.cost?.brokerCpuMsPerOrder],
  ['CPU ms/order total / net (fixed)', (r) => `${r.phases.fixed?.cost?.totalCpuMsPerOrder} / ${r.phases.fixed?.cost?.netCpuMsPerOrder}`],
  ['  order / inventory / notif / cs', (r) => ['order', 'inventory', 'notification', 'customer-service'].map((n) => Math.round(r.phases.fixed?.cost?.cpuMsPerOrder?.[n] ?? NaN)).join('/')],
  ['est. orders/s on dedicated cores', (r) => r.phases.fixed?.cost?.estimatedOrdersPerSecondOnDedicatedCores],
  ['idle CPU % (services)', (r) => round(sum(r.idleCpu?.servicePct))],
  ['commits/order (all DBs)', (r) => round(Object.values(r.databasePerOrder ?? {}).reduce((a: number, d: any) => a + d.commits, 0))],
  ['round trips/order (all DBs)', (r) => round(Object.values(r.databasePerOrder ?? {}).reduce((a: number, d: any) => a + (d.roundTrips ?? 0), 0)) || null],
  ['  order / inventory / notif / cs', (r) => ['order', 'inventory', 'notification', 'customer-service'].map((n) => r.databasePerOrder?.[n]?.roundTrips ?? '-').join('/')],
  ['consumer transactions/order o/i/n/cs', (r) => ['order', 'inventory', 'notification', 'customer-service'].map((n) => r.databasePerOrder?.[n]?.consumerTransactions ?? '-').join('/')],
  ['relay batches/order o/i/n/cs', (r) => ['order', 'inventory', 'notification', 'customer-service'].map((n) => r.databasePerOrder?.[n]?.relayBatches ?? '-').join('/')],
  ['peak RSS under load MB', (r) => Object.values(r.targets.rssMbPerService.value).map((v: any) => Math.round(v)).join('/')],
  ['floor msg/s', (r) => r.floor?.max?.throughput],
  ['verification', (r) => `${r.verification.agree}/${r.verification.checked}`],
];
const width = Math.max(...rows.map(([label]) => label.length)) + 2;
const col = Math.max(22, ...results.map((x) => x.name.length + 2));
process.stdout.write(`${''.padEnd(width)}${results.map((x) => x.name.padStart(col)).join('')}\n`);
for (const [label, pick] of rows) {
  process.stdout.write(`${label.padEnd(width)}${results.map((x) => String(safe(() => pick(x.r)) ?? '–').padStart(col)).join('')}\n`);
}

function safe<T>(fn: () => T): T | undefined {
  try {
    return fn();
  } catch {
    return undefined;
  }
}

function round(v: number): number {
  return Math.round(v * 10) / 10;
}
