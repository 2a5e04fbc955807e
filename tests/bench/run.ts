// The askfirst benchmark: `npm run bench` (-- --quick, -- --help). See docs/benchmark.md.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { createKafka } from '@askfirst/messaging';
import { SmtpSink } from '@askfirst/testing';
import { AskForHumanProbe, Agents } from './agents';
import { ALL_SERVICES, BenchTarget, buildDist, runningSystem, startOwnSystem } from './bench-system';
import { FloorResult, runFloor } from './floor-pipeline';
import { destroyHttpAgent, Http, httpErrors, httpStats } from './http';
import { BenchOptions, CHOICES, parseOptions } from './options';
import { Progress } from './progress';
import { renderHtml } from './report-html';
import { DatabaseCounters, databaseCounters, EventCounters, loadAverage, MetricsScraper, ResourceSampler, scrapeEventCounters, TableScanStats, tableScans } from './resources';
import { ProfileSummary, summarizeProfile } from './profile';
import { distribution, Distribution, PerSecond, ratio, round } from './stats';
import { OrderRecord, OrderTracker, settledByApi } from './tracker';
import { sleep, Workload } from './workload';

process.env.KAFKA_BROKERS ??= '127.0.0.1:19092';
process.env.DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/postgres';
const REPO = join(__dirname, '..', '..');

/** Saga hops (consume → transaction → produce) on each measured path; the floor runs the same count. */
export const HOPS = {
  placedToConfirmed: 2, // order.placed → inventory reserves → inventory.reserved → order confirms
  placedToConfirmationNotice: 3, // … → order.confirmed → notification records + delivers the notice
  happyOrder: 4, // … → notification.shopper-notified → order records it (the whole happy path)
  shortageToNotice: 2, // inventory.shortage-detected → order applies the choice → notification delivers
} as const;

interface Phase {
  name: string;
  kind: 'warmup' | 'open' | 'closed';
  start: number;
  end: number;
  offeredRate?: number;
  window?: number;
  /** When the drain after it ended (ms since origin): its CPU is counted up to here. */
  drainEnd?: number;
  /** Set when the overload guard stopped the phase early. */
  overloaded?: { afterSeconds: number; unsettled: number };
}

const TARGETS = { settledPerSecond: 500, p99ShortageToNotifiedMs: 250, floorThroughputRatio: 0.6, rssMbPerService: 200 };

async function main(): Promise<number> {
  const opts = parseOptions(process.argv.slice(2));
  const brokers = process.env.KAFKA_BROKERS!.split(',');
  const hardStop = Date.now() + opts.maxMinutes * 60_000;
  let aborted: string | undefined;
  const estimate = 60 + opts.warmupSeconds + opts.fixedSeconds + opts.saturationSeconds + opts.sustainSeconds + 3 * 10 + (opts.floor ? opts.floorFixedSeconds + 30 : 0);
  const progress = new Progress(opts.progress, estimate);
  const loadAtStart = loadAverage();
  progress.log(`target=${opts.target} rate=${opts.rate}/s shortage=${opts.shortage} picking-share=${round(opts.pickingShare, 2)} agents=${opts.agents} load average ${loadAtStart.join(' ')} on ${cpus().length} CPUs`);
  if (loadAtStart[0] > cpus().length) progress.log(`the machine is busy (load ${loadAtStart[0]} on ${cpus().length} CPUs): other work shares the cores, numbers will be noisy`);

  await assertBrokerReachable(brokers);

  const serviceEnv: Record<string, string> = { LOG_LEVEL: opts.logLevel, KAFKA_BROKERS: brokers.join(','), ...opts.serviceEnv };
  let target: BenchTarget | undefined;
  let profilePath: ((name: string) => string) | undefined;
  let idleCpu: { seconds: number; servicePct: Record<string, number>; postgresPct: Record<string, number> } | undefined;
  let scans: Record<string, TableScanStats[]> = {};
  let runMode: string = opts.target === 'own' ? opts.run : 'as started by npm run up (source)';
  let smtp: SmtpSink | undefined;
  let stopping = false;
  const cleanups: (() => Promise<void>)[] = [];
  const cleanup = async () => {
    if (stopping) return;
    stopping = true;
    for (const fn of cleanups.reverse()) await fn().catch(() => undefined);
    await target?.stop().catch(() => undefined);
    destroyHttpAgent();
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      progress.log(`${signal}: stopping what the benchmark started`);
      void cleanup().finally(() => process.exit(130));
    });
  }

  try {
    progress.update('start', opts.target === 'own' ? 'starting the four services (fresh databases, own topic prefix)…' : 'using the running stack', true);
    const startTicker = setInterval(() => progress.update('start', 'starting the four services…'), 500);
    try {
      const profileDir = join(REPO, 'test-output', 'profiles', `bench-${Date.now().toString(36)}`);
      const nodeArgs = (name: string) => [...opts.nodeArgs, ...(opts.profile ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, `--cpu-prof-name=${name}.cpuprofile`] : [])];
      let dist: ((name: (typeof ALL_SERVICES)[number]) => { main: string; cwd: string }) | undefined;
      if (opts.target === 'own' && opts.run === 'dist') {
        try {
          const built = new Map(ALL_SERVICES.map((n) => [n, buildDist(n, opts.servicesRoot ? resolve(opts.servicesRoot) : undefined)]));
          if (opts.servicesRoot) runMode = `dist built from ${resolve(opts.servicesRoot)}`;
          dist = (n) => built.get(n)!;
        } catch (error) {
          runMode = 'source (dist build failed)';
          progress.log(`deploy/docker/build-dist.js failed, running from TypeScript sources instead: ${String((error as { stderr?: Buffer }).stderr ?? error).slice(0, 400)}`);
        }
      }
      if (opts.target === 'own' && opts.emailShare > 0) {
        // Shoppers with an email channel get their notices over SMTP: a sink that counts what arrives.
        const sink = await new SmtpSink({ keep: false }).start();
        smtp = sink;
        serviceEnv.SMTP_HOST = '127.0.0.1';
        serviceEnv.SMTP_PORT = String(sink.port);
        cleanups.push(() => sink.stop());
      }
      target = opts.target === 'own' ? await startOwnSystem(serviceEnv, 'bench', nodeArgs, dist) : runningSystem();
      profilePath = (name: string) => join(profileDir, `${name}.cpuprofile`);
    } finally {
      clearInterval(startTicker);
    }
    if (opts.target === 'running') await assertRunning(target);
    progress.log(`services ready in ${round(target.startupSeconds)} s: ${ALL_SERVICES.map((n) => `${n} pid ${target!.pid(n)}`).join(', ')}`);

    const origin = Date.now();
    originMs = origin;
    const pids = Object.fromEntries(ALL_SERVICES.map((n) => [n, target!.pid(n)]));
    const sampler = new ResourceSampler(origin, pids, target.databases);
    sampler.start();
    cleanups.push(async () => sampler.stop());
    const scraper = new MetricsScraper(origin, target.urls);
    scraper.start();
    cleanups.push(async () => scraper.stop());

    const kafka = createKafka({ brokers, clientId: 'askfirst-bench-recorder' });
    const tracker = new OrderTracker(kafka, target.topicPrefix, opts.target === 'own');
    await tracker.start();
    cleanups.push(() => tracker.stop());

    const workload = new Workload(target.urls, tracker, opts);
    const expectedOrders = (opts.warmupSeconds * opts.rate) / 2 + opts.fixedSeconds * opts.rate;
    const fragilePerStore = Math.ceil((expectedOrders * opts.shortage * opts.pickingShare * 1.3) / opts.stores) + 5;
    progress.update('seed', 'catalogue and stock…', true);
    const seedStarted = Date.now();
    await workload.seed(fragilePerStore, (done, total) => progress.update('seed', `${done}/${total} SKUs`));
    progress.log(`seeded ${opts.stores} stores × ${opts.skusPerStore + 2} SKUs + ${fragilePerStore} one-unit tarts per store in ${round((Date.now() - seedStarted) / 1000)} s`);

    // Idle baseline: what the services burn with no traffic (pollers, relays, consumers' fetches).
    const idleFrom = (Date.now() - origin) / 1000;
    const idleSeconds = opts.quick ? 3 : 10;
    for (let t = 0; t < idleSeconds * 10 && Date.now() < hardStop; t++) {
      progress.update('idle', `baseline CPU with no traffic (${idleSeconds} s)`);
      await sleep(100);
    }
    const idle = sampler.cpuBetween(idleFrom + 1, (Date.now() - origin) / 1000);
    idleCpu = {
      seconds: round(idle.seconds, 1),
      servicePct: Object.fromEntries(Object.entries(idle.service).map(([k, v]) => [k, round((v / Math.max(0.1, idle.seconds)) * 100, 1)])),
      postgresPct: Object.fromEntries(Object.entries(idle.postgres).map(([k, v]) => [k, round((v / Math.max(0.1, idle.seconds)) * 100, 1)])),
    };

    const shopperHttp = new Map(workload.shoppers.map((s) => [s.id, s.cs]));
    const agents = new Agents(target.urls['customer-service'], tracker, opts.agents, opts.agentThinkMs);
    await agents.start();
    cleanups.push(() => agents.stop());
    const probe = new AskForHumanProbe(target.urls['customer-service'], tracker, (id) => shopperHttp.get(id), opts.askRate);
    tracker.settleListeners.push((o) => probe.noteSettled(o.id));

    const phases: Phase[] = [];
    const now = () => Date.now() - origin;
    const status = (phase: string) =>
      `offered ${workload.counters.placed} settled ${tracker.orders.size - tracker.unsettledCount} unsettled ${tracker.unsettledCount} events ${tracker.eventsSeen} load ${loadAverage()[0]}`;
    const timeLeft = () => {
      if (Date.now() > hardStop) aborted ??= `--max-minutes ${opts.maxMinutes} reached`;
      return !aborted;
    };

    const openLoop = async (name: string, rate: number, seconds: number, kind: Phase['kind'] = 'open') => {
      const phase: Phase = { name, kind, start: now(), end: 0, offeredRate: rate };
      const began = Date.now();
      let offered = 0;
      while (timeLeft()) {
        const elapsed = (Date.now() - began) / 1000;
        if (elapsed >= seconds) break;
        // Overload guard: once more than `overloadSeconds` of orders wait unsettled, the rate does not
        // hold; offering more would only build a backlog that poisons the next phases and the floor.
        if (kind !== 'warmup' && tracker.unsettledIn(name) > Math.max(150, rate * opts.overloadSeconds)) {
          phase.overloaded = { afterSeconds: round(elapsed, 1), unsettled: tracker.unsettledIn(name) };
          progress.log(`${name}: ${tracker.unsettledIn(name)} of its orders unsettled after ${round(elapsed)} s at ${round(rate)}/s — the system does not keep up; stopping this phase early`);
          break;
        }
        const due = Math.floor(elapsed * rate) + 1;
        while (offered < due && workload.offer(name)) offered++;
        if (offered < due) offered = due; // the generator is at its limit: count the miss, do not burst later
        progress.update(name, `${round(rate)}/s · ${status(name)}`);
        await sleep(5);
      }
      phase.end = now();
      phases.push(phase);
      return phase;
    };

    const closedLoop = async (name: string, window: number, seconds: number) => {
      const phase: Phase = { name, kind: 'closed', start: now(), end: 0, window };
      const began = Date.now();
      while (timeLeft() && Date.now() - began < seconds * 1000) {
        while (tracker.unsettledCount + workload.postsOpenCount < window && workload.offer(name, window)) {
          /* fill the window */
        }
        progress.update(name, `window ${window} · ${status(name)}`);
        await sleep(5);
      }
      phase.end = now();
      phases.push(phase);
      return phase;
    };

    const drain = async (label: string) => {
      const began = Date.now();
      // A POST still open (a shed order waiting out its Retry-After) is an order of the phase too.
      while (timeLeft() && (tracker.unsettledCount > 0 || workload.postsOpenCount > 0) && Date.now() - began < opts.drainSeconds * 1000) {
        progress.update('drain', `${label}: waiting for ${tracker.unsettledCount} orders to settle and ${workload.postsOpenCount} to be placed · ${status('drain')}`);
        await sleep(200);
      }
      const phase = phases[phases.length - 1];
      if (phase) phase.drainEnd = now();
      return { seconds: (Date.now() - began) / 1000, leftUnsettled: tracker.unsettledCount };
    };

    await probe.start();
    cleanups.push(() => probe.stop());

    // 1. Warm-up (JIT, pools, group joins): half the fixed rate, not measured.
    await openLoop('warmup', Math.max(5, opts.rate / 2), opts.warmupSeconds, 'warmup');
    const warmDrain = await drain('warm-up');
    sampler.resetTotals();
    sampler.underLoad = true;

    // 2. Fixed rate: latencies at the rate the targets name.
    const countersBeforeFixed = await scrapeEventCounters(target.urls);
    const dbBeforeFixed = await databaseCounters(process.env.DATABASE_URL!, target.databases);
    const fixed = await openLoop('fixed', opts.rate, opts.fixedSeconds);
    const fixedDrain = await drain('fixed');
    await sleep(1200); // PostgreSQL publishes backend statistics at most once a second
    const countersAfterFixed = await scrapeEventCounters(target.urls);
    const dbAfterFixed = await databaseCounters(process.env.DATABASE_URL!, target.databases);
    if (target.kind === 'own') {
      for (const name of ALL_SERVICES) scans[name] = await tableScans(process.env.DATABASE_URL!, target.databases[name]!);
    }

    // 3. Saturation: closed loop, as many orders in flight as the window allows.
    let saturation: Phase | undefined;
    let saturationDrain: { seconds: number; leftUnsettled: number } | undefined;
    if (opts.saturationSeconds > 0 && timeLeft()) {
      saturation = await closedLoop('saturation', opts.saturationWindow, opts.saturationSeconds);
      saturationDrain = await drain('saturation');
    }
    const saturationThroughput = saturation ? steadyThroughput(tracker, saturation) : null;

    // 4. Sustain: open loop at (saturation throughput × factor) to check that rate holds.
    let sustain: Phase | undefined;
    let sustainDrain: { seconds: number; leftUnsettled: number } | undefined;
    if (opts.sustainSeconds > 0 && saturationThroughput && timeLeft()) {
      const rate = Math.max(1, round(saturationThroughput * opts.sustainFactor));
      sustain = await openLoop('sustain', rate, opts.sustainSeconds);
      sustainDrain = await drain('sustain');
    }
    sampler.underLoad = false;

    await probe.stop();
    await agents.stop();
    await workload.drainFlows(10_000);

    // 5. Check the settle rule against the order service's own view, for a sample.
    progress.update('verify', 'GET /orders/:id for a sample…', true);
    const verification = await verify(target.urls.order, tracker);

    // 6. The floor, same broker and PostgreSQL server, after our services have stopped (a backlog
    //    they still work on would run against the floor). The running stack is left as it is.
    scraper.stop();
    await tracker.stop();
    if (target.kind === 'own') {
      progress.update('stop', 'stopping the services before the floor…', true);
      await target.stop();
    }
    let floorFixed: FloorResult | undefined;
    let floorMax: FloorResult | undefined;
    let floorMaxWindow: [number, number] | undefined;
    const watchFloorDb = (db: string) => sampler.watchDatabase('floor', db);
    const eventBytes = averageEventBytes(tracker);
    let floorError: string | undefined;
    if (opts.floor && timeLeft()) {
      try {
        progress.update('floor', `fixed ${opts.rate}/s…`, true);
        floorFixed = await runFloor({ brokers, hops: opts.floorHops, messages: Math.max(50, Math.round(opts.rate * opts.floorFixedSeconds)), rate: opts.rate, partitions: opts.partitions, payloadBytes: eventBytes, onDatabase: watchFloorDb, onProgress: (d, t) => progress.update('floor', `fixed ${opts.rate}/s ${d}/${t}`) });
        progress.update('floor', 'as fast as possible…', true);
        floorMax = await runFloor({ brokers, hops: opts.floorHops, messages: opts.floorMessages, rate: 0, partitions: opts.partitions, payloadBytes: eventBytes, onDatabase: watchFloorDb, onMeasured: (a, b) => (floorMaxWindow = [(a - origin) / 1000, (b - origin) / 1000]), onProgress: (d, t) => progress.update('floor', `max ${d}/${t}`) });
      } catch (error) {
        floorError = String((error as Error)?.message ?? error);
        progress.log(`the floor failed (${floorError}); writing the system's results without it`);
      }
    }
    sampler.stop();
    progress.done();

    const result = buildResult({
      opts, target, origin, phases, tracker, workload, agents, probe, sampler, scraper, verification, floorFixed, floorMax, emailsReceived: smtp?.received ?? null,
      fixed, saturation, sustain, saturationThroughput, floorMaxWindow, drains: { warmup: warmDrain, fixed: fixedDrain, saturation: saturationDrain, sustain: sustainDrain },
      countersBeforeFixed, countersAfterFixed, dbBeforeFixed, dbAfterFixed, loadAtStart, aborted, eventBytes, floorError, idle: idleCpu,
    });
    result.environment.postgres = await postgresVersion();
    result.idleCpu = idleCpu ?? null;
    result.tableScans = scans;
    result.environment.runMode = runMode;
    await cleanup();
    if (opts.profile && profilePath && target.kind === 'own') {
      const loadPhases = [fixed, saturation, sustain].filter(Boolean) as Phase[];
      const from = origin + Math.min(...loadPhases.map((p) => p.start));
      const to = origin + Math.max(...loadPhases.map((p) => p.end));
      for (const name of ALL_SERVICES) {
        const exited = target.exitedAt(name);
        const summary = exited ? summarizeProfile(profilePath(name), exited, from, to) : undefined;
        if (summary) result.profiles[name] = summary;
      }
      progress.log(`CPU profiles (whole process lifetime) in ${profilePath('x').replace(/\/x\.cpuprofile$/, '')}`);
    }
    writeResults(opts, result);
    printSummary(result);
    return aborted ? 2 : 0;
  } catch (error) {
    progress.done();
    process.stderr.write(`bench: failed: ${String((error as Error)?.stack ?? error)}\n`);
    await cleanup();
    return 1;
  }
}

async function assertBrokerReachable(brokers: string[]): Promise<void> {
  const admin = createKafka({ brokers, clientId: 'askfirst-bench-check' }).admin();
  try {
    await Promise.race([admin.connect(), sleep(10_000).then(() => Promise.reject(new Error('timeout')))]);
    await admin.describeCluster();
  } catch (error) {
    throw new Error(`Kafka is not reachable at ${brokers.join(',')} (${String(error)}): start it with \`npm run up\` or tools/local/kafka.sh up`);
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

async function assertRunning(target: BenchTarget): Promise<void> {
  for (const name of ALL_SERVICES) {
    const res = await new Http(target.urls[name]).get('/health/ready').catch(() => undefined);
    if (res?.status !== 200) throw new Error(`${name} is not ready at ${target.urls[name]}: start the stack with \`npm run up\` or run without --target running`);
  }
}

/**
 * Settled orders per second in the phase window once settles have caught up with the offers: the
 * first max(5 s, median placed → settled of the phase) are skipped, at most a third of the window.
 */
function steadyThroughput(tracker: OrderTracker, phase: Phase): number {
  const lags = [...tracker.orders.values()].filter((o) => o.phase === phase.name && o.settledAt !== undefined && o.placedAt !== undefined).map((o) => o.settledAt! - o.placedAt!);
  const median = distribution(lags).p50 ?? 0;
  const skip = Math.min((phase.end - phase.start) / 3, Math.max(5_000, median));
  const from = phase.start + skip;
  const seconds = (phase.end - from) / 1000;
  return seconds > 0 ? round(settledBetween(tracker, from, phase.end) / seconds, 1) : 0;
}

let originMs = 0;
/** Orders whose settle time falls in [from, to) (ms since the run's origin). */
function settledBetween(tracker: OrderTracker, from: number, to: number): number {
  let n = 0;
  for (const o of tracker.orders.values()) if (o.settledAt !== undefined && o.settledAt - originMs >= from && o.settledAt - originMs < to) n++;
  return n;
}

async function verify(orderUrl: string, tracker: OrderTracker) {
  const api = new Http(orderUrl, await (await import('@askfirst/testing')).testTokens.service('bench-verifier'));
  const all = [...tracker.orders.values()];
  const unsettled = all.filter((o) => o.settledAt === undefined).slice(0, 200);
  const sample = pickSample(all.filter((o) => o.settledAt !== undefined), 200);
  const disagreements: { orderId: string; scenario: string; tracker: boolean; api: boolean; why?: string }[] = [];
  let checked = 0;
  let agree = 0;
  const queue = [...sample, ...unsettled];
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (queue.length) {
        const o = queue.pop()!;
        const res = await api.get(`/orders/${o.id}`, '/orders/:id').catch(() => undefined);
        checked++;
        const verdict = res?.status === 200 ? settledByApi(res.body, o.scenario) : { settled: false, why: `GET ${res?.status}` };
        // The order service may be a step ahead of the recorder (its last event still on its way): look again.
        if (verdict.settled && o.settledAt === undefined) await sleep(3000);
        if (verdict.settled === (o.settledAt !== undefined)) agree++;
        else if (disagreements.length < 20) disagreements.push({ orderId: o.id, scenario: `${o.scenario.choice}/${o.scenario.shortage ?? 'none'}`, tracker: o.settledAt !== undefined, api: verdict.settled, why: verdict.why });
      }
    }),
  );
  return { checked, agree, sampledSettled: sample.length, unsettledChecked: unsettled.length, disagreements };
}

function pickSample<T>(list: T[], n: number): T[] {
  if (list.length <= n) return list;
  const step = list.length / n;
  return Array.from({ length: n }, (_, i) => list[Math.floor(i * step)]);
}

/** The floor's messages are as large as the services' events were. */
function averageEventBytes(tracker: OrderTracker): number {
  return tracker.eventsSeen ? Math.round(tracker.bytesSeen / tracker.eventsSeen) : 1024;
}

type IdleCpu = { seconds: number; servicePct: Record<string, number>; postgresPct: Record<string, number> };

interface BuildInput {
  idle?: IdleCpu;
  opts: BenchOptions;
  target: BenchTarget;
  origin: number;
  phases: Phase[];
  tracker: OrderTracker;
  workload: Workload;
  agents: Agents;
  probe: AskForHumanProbe;
  sampler: ResourceSampler;
  scraper: MetricsScraper;
  verification: Awaited<ReturnType<typeof verify>>;
  /** Emails the bench's SMTP sink accepted (own target), null when the running stack's server took them. */
  emailsReceived: number | null;
  floorFixed?: FloorResult;
  floorMax?: FloorResult;
  fixed: Phase;
  saturation?: Phase;
  sustain?: Phase;
  saturationThroughput: number | null;
  floorMaxWindow?: [number, number];
  floorError?: string;
  drains: Record<string, { seconds: number; leftUnsettled: number } | undefined>;
  countersBeforeFixed: Record<string, EventCounters>;
  countersAfterFixed: Record<string, EventCounters>;
  dbBeforeFixed: Record<string, DatabaseCounters>;
  dbAfterFixed: Record<string, DatabaseCounters>;
  loadAtStart: [number, number, number];
  aborted?: string;
  eventBytes: number;
}

function phaseOrders(tracker: OrderTracker, phase: string): OrderRecord[] {
  return [...tracker.orders.values()].filter((o) => o.phase === phase);
}

function latencies(orders: OrderRecord[], agents: Agents, probe: AskForHumanProbe, window: [number, number]) {
  const ms = (a?: number, b?: number) => (a !== undefined && b !== undefined ? b - a : undefined);
  const collect = (pick: (o: OrderRecord) => number | undefined, filter: (o: OrderRecord) => boolean = () => true) =>
    distribution(orders.filter(filter).map(pick).filter((v): v is number => v !== undefined));
  const seenByAgent = new Map<string, number>();
  for (const seen of agents.stats.firstSeen.values()) if (seen.type === 'SHORTAGE_CONTACT' && !seenByAgent.has(seen.orderId)) seenByAgent.set(seen.orderId, seen.at);
  const asks = probe.samples.filter((s) => s.sentAt >= window[0] && s.sentAt < window[1]);
  const byChoice: Record<string, Distribution> = {};
  for (const choice of CHOICES) for (const stage of ['RESERVATION', 'PICKING']) {
    byChoice[`${choice}/${stage}`] = collect((o) => ms(o.shortageAt, o.shortageNoticeAt), (o) => o.scenario.choice === choice && o.scenario.shortage === stage);
  }
  return {
    placeRequestMs: collect((o) => o.acceptedAt - o.sentAt),
    placedToConfirmedMs: collect((o) => ms(o.placedAt, o.confirmedAt), (o) => o.scenario.shortage !== 'RESERVATION'),
    shortageToShopperNotifiedMs: collect((o) => ms(o.shortageAt, o.shortageNoticeAt)),
    shortageToShopperNotifiedByChoiceAndStageMs: byChoice,
    shortageToCaseInQueueMs: collect((o) => ms(o.shortageAt, o.shortageCaseAt), (o) => o.scenario.choice === 'CONTACT_ME'),
    shortageToCaseSeenByPollingAgentMs: collect((o) => ms(o.shortageAt, seenByAgent.get(o.id)), (o) => o.scenario.choice === 'CONTACT_ME'),
    askForHumanToCaseInQueueMs: distribution(asks.filter((s) => s.status === 201).map((s) => s.answeredAt - s.sentAt)),
    askForHuman: { asked: asks.length, created: asks.filter((s) => s.status === 201).map(() => 1).length, listedInQueueRightAfter: asks.filter((s) => s.visible).length, statuses: countBy(asks.map((s) => String(s.status))) },
    placedToSettledMs: {
      noShortage: collect((o) => ms(o.placedAt, o.settledAt), (o) => !o.scenario.shortage),
      ...Object.fromEntries(CHOICES.map((c) => [c, collect((o) => ms(o.placedAt, o.settledAt), (o) => !!o.scenario.shortage && o.scenario.choice === c)])),
    },
  };
}

function countBy(values: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of values) out[v] = (out[v] ?? 0) + 1;
  return out;
}

function phaseSummary(input: BuildInput, phase: Phase | undefined, drain?: { seconds: number; leftUnsettled: number }) {
  if (!phase) return null;
  const { tracker, agents, probe, origin } = input;
  const orders = phaseOrders(tracker, phase.name);
  const seconds = Math.max(0.1, (phase.end - phase.start) / 1000);
  const settled = orders.filter((o) => o.settledAt !== undefined);
  const settledInWindow = settledBetween(tracker, phase.start, phase.end);
  const unsettledAtEnd = orders.filter((o) => o.settledAt === undefined || o.settledAt - origin > phase.end).length;
  const offered = orders.length / seconds;
  const settledPerSecond = round(settledInWindow / seconds, 1);
  const steady = steadyThroughput(tracker, phase);
  // Held: once caught up, settles kept pace with offers; what was still open at the end was no more
  // than 10 s worth of offers; and every order of the phase settled during the drain.
  const leftAfterDrain = orders.filter((o) => o.settledAt === undefined).length;
  // Load shedding: a phase whose POST /orders got 503s placed fewer orders than it offered, so its
  // placed/s is the system's limit, not the offered rate — it did not hold.
  const shed = input.workload.shedByPhase.get(phase.name) ?? 0;
  const sustainable = phase.kind === 'open' ? steady >= 0.9 * offered && unsettledAtEnd <= Math.max(50, offered * 10) && leftAfterDrain === 0 && shed === 0 : undefined;
  const window: [number, number] = [origin + phase.start, origin + phase.end];
  const shortageOrders = orders.filter((o) => o.scenario.shortage);
  return {
    name: phase.name,
    kind: phase.kind,
    startS: round(phase.start / 1000),
    seconds: round(seconds),
    offeredRate: phase.offeredRate ?? null,
    window: phase.window ?? null,
    ordersPlaced: orders.length,
    placedPerSecond: round(offered, 1),
    shedAnswers: shed,
    ordersSettled: settled.length,
    settledPerSecondInWindow: settledPerSecond,
    settledPerSecondSteady: steady,
    unsettledAtPhaseEnd: unsettledAtEnd,
    drainSeconds: drain ? round(drain.seconds) : null,
    unsettledAfterDrain: drain ? leftAfterDrain : null,
    sustainable: phase.overloaded ? false : sustainable,
    overloaded: phase.overloaded ?? null,
    shortageShare: round(shortageOrders.length / Math.max(1, orders.length), 3),
    mix: countBy(orders.map((o) => `${o.scenario.choice}/${o.scenario.shortage ?? 'none'}`)),
    latency: latencies(orders, agents, probe, window),
    cost: costPerOrder(input.sampler, phase, orders.length, input.idle),
    relayDelayMs: delays(tracker.relayDelays, window),
    handlerDelayMs: delays(tracker.handlerDelays, window),
  };
}

/**
 * CPU per order over the phase and its drain, from /proc: each service process, the PostgreSQL
 * backends of its database, the Kafka broker. Less sensitive to other work on the machine than
 * throughput: it says what a dedicated machine with the same cores could settle.
 */
function costPerOrder(sampler: ResourceSampler, phase: Phase, orders: number, idle?: IdleCpu) {
  if (!orders) return null;
  const cpu = sampler.cpuBetween(phase.start / 1000, (phase.drainEnd ?? phase.end) / 1000);
  const perOrder = (v: number) => round((v * 1000) / orders, 2);
  // What the services burn anyway (pollers, fetch loops): not a cost of the orders.
  const idleShare = (pct: Record<string, number> | undefined) => Object.values(pct ?? {}).reduce((a, b) => a + b, 0) / 100;
  const idleCores = idleShare(idle?.servicePct) + idleShare(idle?.postgresPct);
  const idleMsPerOrder = round((idleCores * cpu.seconds * 1000) / orders, 2);
  const services = Object.fromEntries(Object.entries(cpu.service).map(([k, v]) => [k, perOrder(v)]));
  const postgres = Object.fromEntries(Object.entries(cpu.postgres).filter(([k]) => k !== 'floor').map(([k, v]) => [k, perOrder(v)]));
  const total = round(Object.values(services).reduce((a, b) => a + b, 0) + Object.values(postgres).reduce((a, b) => a + b, 0) + perOrder(cpu.broker), 2);
  return {
    cpuMsPerOrder: services,
    postgresCpuMsPerOrder: postgres,
    brokerCpuMsPerOrder: perOrder(cpu.broker),
    benchCpuMsPerOrder: perOrder(cpu.bench),
    totalCpuMsPerOrder: total,
    /** Of the total, what the idle baseline would have used over the same time anyway. */
    idleCpuMsPerOrder: idleMsPerOrder,
    netCpuMsPerOrder: round(total - idleMsPerOrder, 2),
    /** (cores − idle baseline) × 1000 ÷ net CPU per order: what the same cores would settle running nothing else (load generator excluded). */
    estimatedOrdersPerSecondOnDedicatedCores: total - idleMsPerOrder > 0 ? round(((cpus().length - idleCores) * 1000) / (total - idleMsPerOrder), 1) : null,
  };
}

function floorCost(sampler: ResourceSampler, floor: FloorResult | undefined, window: [number, number] | undefined) {
  if (!floor || !window || !floor.delivered) return null;
  const cpu = sampler.cpuBetween(window[0], window[1]);
  const per = (v: number) => round((v * 1000) / floor.delivered, 3);
  const total = round(per(floor.cpuSeconds) + per(cpu.postgres.floor ?? 0) + per(cpu.broker), 3);
  return {
    cpuMsPerMessage: { floorProcess: per(floor.cpuSeconds), postgres: per(cpu.postgres.floor ?? 0), broker: per(cpu.broker), total },
    estimatedMessagesPerSecondOnDedicatedCores: total > 0 ? round((cpus().length * 1000) / total, 1) : null,
  };
}

function delays(samples: { source: string; at: number; ms: number }[], [from, to]: [number, number]): Record<string, Distribution> {
  const by = new Map<string, number[]>();
  for (const s of samples) {
    if (s.at < from || s.at >= to) continue;
    const list = by.get(s.source) ?? [];
    list.push(s.ms);
    by.set(s.source, list);
  }
  return Object.fromEntries([...by].map(([k, v]) => [k, distribution(v)]));
}

function buildResult(input: BuildInput) {
  const { opts, target, origin, phases, tracker, sampler, scraper, floorFixed, floorMax, workload, agents, verification } = input;
  const fixed = phaseSummary(input, input.fixed, input.drains.fixed)!;
  const saturation = phaseSummary(input, input.saturation, input.drains.saturation);
  const sustain = phaseSummary(input, input.sustain, input.drains.sustain);

  // The highest rate shown to hold: the sustain phase if it held, else the fixed phase if it held.
  const held = [sustain, fixed].filter((p) => p?.sustainable) as NonNullable<typeof fixed>[];
  const best = held.sort((a, b) => b.settledPerSecondSteady - a.settledPerSecondSteady)[0];
  const maxSustainable = best ? best.settledPerSecondSteady : null;
  const peak = Math.max(saturation?.settledPerSecondSteady ?? 0, sustain?.settledPerSecondSteady ?? 0, fixed.settledPerSecondSteady);
  const headline = maxSustainable ?? peak;

  const resources = sampler.summary();
  const loadPhases = [input.fixed, input.saturation, input.sustain].filter(Boolean) as Phase[];
  const from = Math.min(...loadPhases.map((p) => p.start)) / 1000;
  const to = Math.max(...loadPhases.map((p) => p.end)) / 1000;
  const loadDuring = sampler.series.filter((p) => p.t >= from && p.t <= to).map((p) => p.load1);
  const handledPerOrder: Record<string, number> = {};
  const skippedPerOrder: Record<string, number> = {};
  for (const name of ALL_SERVICES) {
    const a = input.countersBeforeFixed[name];
    const b = input.countersAfterFixed[name];
    if (!a || !b || !fixed.ordersPlaced) continue;
    handledPerOrder[name] = round((b.handled - a.handled) / fixed.ordersPlaced, 2);
    skippedPerOrder[name] = round((b.skipped - a.skipped) / fixed.ordersPlaced, 2);
  }
  const databasePerOrder: Record<string, Record<string, number>> = {};
  for (const name of ALL_SERVICES) {
    const a = input.dbBeforeFixed[name];
    const b = input.dbAfterFixed[name];
    if (!a || !b || !fixed.ordersPlaced) continue;
    databasePerOrder[name] = Object.fromEntries(Object.keys(b).map((k) => [k, round((b[k as keyof DatabaseCounters] - a[k as keyof DatabaseCounters]) / fixed.ordersPlaced, 2)]));
    for (const key of ['roundTrips', 'consumerTransactions', 'relayBatches'] as const) {
      const delta = (input.countersAfterFixed[name]?.[key] ?? 0) - (input.countersBeforeFixed[name]?.[key] ?? 0);
      if (delta > 0) databasePerOrder[name][key] = round(delta / fixed.ordersPlaced, 2);
    }
  }
  const publishedPerOrder = round(ALL_SERVICES.reduce((s, n) => s + ((input.countersAfterFixed[n]?.published ?? 0) - (input.countersBeforeFixed[n]?.published ?? 0)), 0) / Math.max(1, fixed.ordersPlaced), 2);

  const floorP99 = (hops: number) => floorFixed?.perHopMs[hops - 1]?.p99 ?? null;
  const comparisons = [
    { path: 'placed → confirmed', hops: HOPS.placedToConfirmed, systemP99Ms: fixed.latency.placedToConfirmedMs.p99, floorP99Ms: floorP99(HOPS.placedToConfirmed) },
    { path: 'shortage → shopper notified', hops: HOPS.shortageToNotice, systemP99Ms: fixed.latency.shortageToShopperNotifiedMs.p99, floorP99Ms: floorP99(HOPS.shortageToNotice) },
    { path: 'placed → settled (no shortage) vs floor at all hops', hops: opts.floorHops, systemP99Ms: fixed.latency.placedToSettledMs.noShortage.p99, floorP99Ms: floorP99(opts.floorHops) },
  ].map((c) => ({ ...c, ratio: ratio(c.systemP99Ms, c.floorP99Ms) }));

  const rssUnderLoad = Object.fromEntries(Object.entries(resources).map(([k, v]) => [k, v.peakRssUnderLoadMb]));
  const p99Notice = fixed.latency.shortageToShopperNotifiedMs.p99;
  const throughputRatio = ratio(headline, floorMax?.throughput);
  const targets = {
    settledPerSecond: { target: `≥ ${TARGETS.settledPerSecond} orders settled/s with the ${opts.shortage * 100}% shortage mix`, value: headline, met: headline >= TARGETS.settledPerSecond },
    p99ShortageToNotifiedMs: { target: `p99 shortage → shopper notified ≤ ${TARGETS.p99ShortageToNotifiedMs} ms at 100 orders/s`, value: p99Notice, atRate: opts.rate, met: p99Notice !== null && p99Notice <= TARGETS.p99ShortageToNotifiedMs && opts.rate >= 100 },
    floorThroughputRatio: { target: `system ÷ floor throughput ≥ ${TARGETS.floorThroughputRatio}`, value: throughputRatio, met: throughputRatio !== null && throughputRatio >= TARGETS.floorThroughputRatio },
    rssMbPerService: { target: `each service ≤ ${TARGETS.rssMbPerService} MB resident under load`, value: rssUnderLoad, met: Object.values(rssUnderLoad).every((v) => v <= TARGETS.rssMbPerService) },
  };

  const series = timeSeries(input);
  const floorCostResult = floorCost(sampler, floorMax, input.floorMaxWindow);
  // CPU per order is least disturbed in the phase with the most orders.
  const costed = [fixed, saturation, sustain].filter((p) => p?.cost) as NonNullable<typeof fixed>[];
  const bestCostPhaseSummary = costed.sort((a, b) => b.ordersPlaced - a.ordersPlaced)[0];
  const bestCost = bestCostPhaseSummary?.cost;
  const bestCostPhase = bestCostPhaseSummary?.name ?? null;
  return {
    schema: 'askfirst-bench/1',
    startedAt: new Date(origin).toISOString(),
    aborted: input.aborted ?? null,
    options: opts,
    environment: {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? 'unknown',
      memoryGb: round(totalmem() / 2 ** 30, 1),
      node: process.version,
      kafka: readKafkaVersion(),
      postgres: '' as string,
      git: gitDescribe(),
      target: target.kind,
      runMode: '' as string,
      topicPrefix: target.topicPrefix,
      serviceStartupSeconds: round(target.startupSeconds),
      serviceEnv: opts.target === 'own' ? { LOG_LEVEL: opts.logLevel, ...opts.serviceEnv } : null,
      serviceNodeArgs: opts.target === 'own' ? opts.nodeArgs : null,
      loadAverage: {
        atStart: input.loadAtStart,
        duringLoadMean: loadDuring.length ? round(loadDuring.reduce((s, v) => s + v, 0) / loadDuring.length, 2) : null,
        duringLoadMax: loadDuring.length ? Math.max(...loadDuring) : null,
        atEnd: loadAverage(),
      },
      note: 'Shared 2-core machine: other engineers run test suites at the same time; compare runs only with their load averages.',
    },
    headline: {
      settledOrdersPerSecond: headline,
      settledOrdersPerSecondBasis: maxSustainable !== null ? `highest open-loop rate that held (${best!.name})` : 'no open-loop phase held: peak settled/s observed',
      saturationSettledPerSecond: input.saturationThroughput,
      p99PlacedToConfirmedMs: fixed.latency.placedToConfirmedMs.p99,
      p99ShortageToNotifiedMs: p99Notice,
      p99ShortageToCaseInQueueMs: fixed.latency.shortageToCaseInQueueMs.p99,
      p99AskForHumanToCaseInQueueMs: fixed.latency.askForHumanToCaseInQueueMs.p99,
      floorThroughput: floorMax?.throughput ?? null,
      throughputRatioToFloor: throughputRatio,
      p99RatioToFloor: comparisons[0].ratio,
    },
    targets,
    settledDefinition:
      'An order is settled when it needs nothing more from the system: no shortage → CONFIRMED; REFUND_ITEM_SHIP_REST and CONTACT_ME (agent answers REFUND_ITEM_SHIP_REST) → the shortage was reported, the order is CONFIRMED or PICKING and every refund it approved is REQUESTED (after the notice); CANCEL_ORDER → CANCELLED with its refund REQUESTED; SUBSTITUTE → the substitute is held (or the fallback refund REQUESTED). Settle time = the latest service event time those facts rest on. Checked against GET /orders/:id (terminal, or CONFIRMED/PICKING with no line waiting or short and every refund REQUESTED) for a sample.',
    measurement:
      'Event times are the envelope `time` each service sets inside the transaction that commits the state change (outbox), read back from Kafka by a recorder consumer; the Kafka message timestamp is when the outbox relay produced it. Ask-for-human: client time from POST /cases to its 201 (the case is committed before the answer), then a GET /queue checks that it is listed. CPU and RSS from /proc/<pid>/stat and /proc/<pid>/status; PostgreSQL backend CPU from the backends whose title names the service database; backlog and lag from each /metrics.',
    hops: HOPS,
    phases: { fixed, saturation, sustain },
    eventsPerOrder: { handledPerOrderByService: handledPerOrder, skippedPerOrderByService: skippedPerOrder, publishedPerOrder },
    /** pg_stat_database deltas over the fixed phase (and its drain) ÷ orders placed in it. */
    databasePerOrder,
    profiles: {} as Record<string, ProfileSummary>,
    /** % of one core each service and its database backends use with no traffic at all. */
    idleCpu: null as null | { seconds: number; servicePct: Record<string, number>; postgresPct: Record<string, number> },
    /** pg_stat_user_tables after the fixed phase: the tables read by sequential scans. */
    tableScans: {} as Record<string, TableScanStats[]>,
    resources,
    backlogMax: scraper.max('backlog', from, to),
    lagMax: scraper.max('lag', from, to),
    oldestOutboxAgeMaxSeconds: scraper.max('oldestAgeSeconds', from, to),
    heapUsedMaxMb: scraper.max('heapUsedMb', from, to),
    heapTotalMaxMb: scraper.max('heapTotalMb', from, to),
    eventLoopLagP99MaxMs: scraper.max('eventLoopLagP99Ms', from, to),
    /** Group transactions of consumed events rolled back and replayed (askfirst_consumer_group_fallbacks_total), whole run. */
    groupFallbacks: { all: scraper.max('groupFallbacks'), lockConflict: scraper.max('lockConflictFallbacks') },
    floor: { fixed: floorFixed ?? null, max: floorMax ?? null, comparisons, cost: floorCostResult, error: input.floorError ?? null },
    /** The same ratio from CPU cost (noise-robust): floor CPU per message ÷ system CPU per settled order. */
    estimatedOnDedicatedCores: {
      systemOrdersPerSecond: bestCost?.estimatedOrdersPerSecondOnDedicatedCores ?? null,
      floorMessagesPerSecond: floorCostResult?.estimatedMessagesPerSecondOnDedicatedCores ?? null,
      ratio: ratio(bestCost?.estimatedOrdersPerSecondOnDedicatedCores, floorCostResult?.estimatedMessagesPerSecondOnDedicatedCores),
      basis: bestCostPhase,
    },
    verification,
    workload: {
      ...workload.counters, errors: workload.counters.errors, firstErrors: workload.firstErrors,
      emailShare: opts.emailShare, emailsReceived: input.emailsReceived,
    },
    agents: { ...agents.stats, firstSeen: agents.stats.firstSeen.size, firstErrors: agents.firstErrors },
    http: Object.fromEntries([...httpStats].sort()),
    httpErrors,
    phaseWindows: phases.map((p) => ({ name: p.name, start: round(p.start / 1000), end: round(p.end / 1000) })),
    series,
  };
}

function timeSeries(input: BuildInput) {
  const { tracker, origin, sampler, scraper } = input;
  const offered = new PerSecond(origin);
  const settled = new PerSecond(origin);
  const confirm = new PerSecond(origin);
  const notice = new PerSecond(origin);
  for (const o of tracker.orders.values()) {
    offered.add(o.acceptedAt, 1);
    if (o.settledAt !== undefined) settled.add(o.settledAt, 1);
    if (o.placedAt !== undefined && o.confirmedAt !== undefined && o.scenario.shortage !== 'RESERVATION') confirm.add(o.confirmedAt, o.confirmedAt - o.placedAt);
    if (o.shortageAt !== undefined && o.shortageNoticeAt !== undefined) notice.add(o.shortageNoticeAt, o.shortageNoticeAt - o.shortageAt);
  }
  return {
    placedPerSecond: offered.counts(),
    settledPerSecond: settled.counts(),
    placedToConfirmedMs: confirm.quantiles([0.5, 0.99]),
    shortageToNotifiedMs: notice.quantiles([0.5, 0.99]),
    resources: sampler.series,
    metrics: scraper.series,
  };
}

function readKafkaVersion(): string {
  try {
    return readFileSync(join(REPO, 'tools/local/kafka-version'), 'utf8').trim();
  } catch {
    return 'unknown';
  }
}

function gitDescribe(): string {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'services', 'libs'], { cwd: REPO, encoding: 'utf8' }).trim();
    return dirty ? `${head} (+ uncommitted changes in services/ or libs/)` : head;
  } catch {
    return 'unknown';
  }
}

async function postgresVersion(): Promise<string> {
  const client = new Client({ connectionString: process.env.DATABASE_URL });
  try {
    await client.connect();
    return (await client.query('SHOW server_version')).rows[0].server_version;
  } catch {
    return 'unknown';
  } finally {
    await client.end().catch(() => undefined);
  }
}

type Result = ReturnType<typeof buildResult>;

function writeResults(opts: BenchOptions, result: Result): void {
  const dir = resolve(REPO, opts.out);
  const runs = join(dir, 'runs');
  mkdirSync(runs, { recursive: true });
  const stamp = result.startedAt.replace(/[:.]/g, '-').replace(/-\d{3}Z$/, 'Z');
  const json = JSON.stringify(result, null, 1);
  const html = renderHtml(result);
  writeFileSync(join(runs, `${stamp}-${opts.label}.json`), json);
  writeFileSync(join(runs, `${stamp}-${opts.label}.html`), html);
  const latest = opts.quick ? 'latest-quick' : 'latest';
  writeFileSync(join(dir, `${latest}.json`), json);
  writeFileSync(join(dir, `${latest}.html`), html);
  process.stderr.write(`bench: wrote ${join(opts.out, `${latest}.json`)} and ${latest}.html (copies in ${join(opts.out, 'runs')}/${stamp}-${opts.label}.*)\n`);
}

function printSummary(r: Result): void {
  const h = r.headline;
  const mark = (met: boolean) => (met ? 'met' : 'NOT met');
  const lines = [
    '',
    `askfirst benchmark — ${r.environment.cpus} CPUs, load average ${r.environment.loadAverage.atStart.join(' ')} at start, ${r.environment.loadAverage.duringLoadMean} mean under load`,
    `  settled orders/s        ${h.settledOrdersPerSecond}  (${h.settledOrdersPerSecondBasis}; saturation ${h.saturationSettledPerSecond})   target ≥ 500: ${mark(r.targets.settledPerSecond.met)}`,
    `  floor (${r.options.floorHops} hops)          ${h.floorThroughput ?? '-'} msg/s → ratio ${h.throughputRatioToFloor ?? '-'}   target ≥ 0.6: ${mark(r.targets.floorThroughputRatio.met)}`,
    `  p99 placed → confirmed  ${h.p99PlacedToConfirmedMs} ms (floor ratio ${h.p99RatioToFloor ?? '-'})`,
    `  p99 shortage → notified ${h.p99ShortageToNotifiedMs} ms at ${r.options.rate}/s   target ≤ 250 ms: ${mark(r.targets.p99ShortageToNotifiedMs.met)}`,
    `  p99 shortage → case     ${h.p99ShortageToCaseInQueueMs} ms;  ask for a human → in queue p99 ${h.p99AskForHumanToCaseInQueueMs} ms`,
    `  peak RSS under load MB  ${Object.entries(r.targets.rssMbPerService.value).map(([k, v]) => `${k} ${v}`).join(', ')}   target ≤ 200: ${mark(r.targets.rssMbPerService.met)}`,
    `  at that peak: own + file-mapped (node binary, shared) MB: ${Object.entries(r.resources).map(([k, v]) => `${k} ${v.peakRssUnderLoadAnonMb}+${v.peakRssUnderLoadFileMb}`).join(', ')}; V8 heap reserved max ${Object.entries(r.heapTotalMaxMb).map(([k, v]) => `${k} ${v}`).join(', ')}`,
    `  CPU s (service + its PostgreSQL backends): ${Object.entries(r.resources).map(([k, v]) => `${k} ${v.cpuSeconds}+${v.postgresCpuSeconds}`).join(', ')}`,
    `  CPU-based estimate on ${r.environment.cpus} dedicated cores: ${r.estimatedOnDedicatedCores.systemOrdersPerSecond} orders/s vs floor ${r.estimatedOnDedicatedCores.floorMessagesPerSecond} msg/s → ratio ${r.estimatedOnDedicatedCores.ratio}`,
    `  consumer group transactions replayed (whole run; of them lock conflicts): ${Object.entries(r.groupFallbacks.all).map(([k, v]) => `${k} ${v} (${r.groupFallbacks.lockConflict[k] ?? 0})`).join(', ')}`,
    `  POST /orders: ${r.workload.placed} placed, ${r.workload.shed} answers 503 (load shed; retried after Retry-After), ${r.workload.refused} refused in the end`,
    r.options.emailShare > 0
      ? `  notices: ${round(r.options.emailShare * 100)} % of shoppers have email, ${r.workload.emailsReceived ?? 'n/a (the stack\'s mail server)'} emails received; the rest are in-app only`
      : '  notices: all in-app only (--email-share 0)',
    `  verification: ${r.verification.agree}/${r.verification.checked} sampled orders agree with GET /orders/:id`,
    r.aborted ? `  ABORTED: ${r.aborted}` : '',
  ];
  process.stdout.write(`${lines.filter((l) => l !== '').join('\n')}\n`);
}

void main().then((code) => process.exit(code));
