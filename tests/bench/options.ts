import { parseArgs } from 'node:util';

export const CHOICES = ['CONTACT_ME', 'REFUND_ITEM_SHIP_REST', 'CANCEL_ORDER', 'SUBSTITUTE'] as const;
export type Choice = (typeof CHOICES)[number];

export interface BenchOptions {
  quick: boolean;
  /** own: start the four services on fresh databases and a topic prefix (default); running: the stack of `npm run up`. */
  target: 'own' | 'running';
  /** Offered orders per second in the fixed-rate phase (the latency targets are defined at 100/s). */
  rate: number;
  fixedSeconds: number;
  warmupSeconds: number;
  /** Closed loop: this many unsettled orders at most, as fast as the system settles them. */
  saturationSeconds: number;
  saturationWindow: number;
  /** Open loop at the saturation throughput × this factor, to confirm it is sustainable. */
  sustainSeconds: number;
  sustainFactor: number;
  drainSeconds: number;
  /** Open-loop phases stop early once more than rate × this many seconds of orders are unsettled. */
  overloadSeconds: number;
  /** Share of orders that hit a shortage. */
  shortage: number;
  /** Relative weights of the shopper's choice among shortage orders. */
  mix: Record<Choice, number>;
  /** Share of shortages found at picking (MISSING adjustment after picking-started); the rest at reservation. */
  pickingShare: number;
  /** Every confirmed order gets picking-started (what a store does); false: only those with a picking shortage. */
  pickAll: boolean;
  /** Share of shoppers with an email channel: their notices go out over SMTP (to the bench's sink); the rest are in-app only. */
  emailShare: number;
  agents: number;
  agentThinkMs: number;
  /** Shopper "ask for a human" probes per second. */
  askRate: number;
  stores: number;
  skusPerStore: number;
  shoppers: number;
  floor: boolean;
  floorHops: number;
  floorMessages: number;
  floorFixedSeconds: number;
  partitions: number;
  /** Extra environment for the services we start (CONSUMER_CONCURRENCY=16 …); ignored for --target=running. */
  serviceEnv: Record<string, string>;
  logLevel: string;
  out: string;
  label: string;
  /** Hard bound on the whole run. */
  maxMinutes: number;
  progress: boolean;
  /** dist: run the services as the images do (deploy/docker/build-dist.js, node dist/…/main.js); source: through tools/ts-register.js. */
  run: 'dist' | 'source';
  /** Build the services (--run dist) from this copy of the repository instead: to measure a change in services/ or libs/ without touching the shared tree. */
  servicesRoot?: string;
  /** Extra Node flags for the services (e.g. --max-old-space-size=128), as NODE_OPTIONS would give them. */
  nodeArgs: string[];
  /** Start the services with --cpu-prof and summarize where their CPU went during the load phases. */
  profile: boolean;
}

const HELP = `npm run bench -- [options]

  --quick                 ~10 s of load (fixed 5 s at 20/s, 5 s saturation, small floor)
  --target own|running    own (default): start the four services on fresh databases and topics;
                          running: drive the stack of \`npm run up\` (ports 3001-3004)
  --rate N                fixed-rate phase, orders/s (default 100)
  --fixed-seconds N       (default 60)      --warmup-seconds N (default 5)
  --saturation-seconds N  closed loop, as fast as orders settle (default 30)
  --window N              unsettled orders in flight during saturation (default 400)
  --sustain-seconds N     open loop at saturation throughput x --sustain-factor (default 30, 0.9)
  --drain-seconds N       wait at most this long for orders to settle after a phase (default 45)
  --overload-seconds N    stop an open-loop phase once rate x N (at least 150) of its orders are unsettled (default 8)
  --shortage F            share of orders with a shortage (default 0.2)
  --mix A:w,B:w           choice weights (default CONTACT_ME:1,REFUND_ITEM_SHIP_REST:1,CANCEL_ORDER:1,SUBSTITUTE:1)
  --picking-share F       share of shortages found at picking (default 0.333)
  --no-pick-all           picking-started only for orders with a picking shortage
  --email-share F         share of shoppers with an email channel (default 0.5): their notices are delivered over SMTP
                          (own target: to a counting sink the bench runs; running: to the stack's mail catcher);
                          the others are in-app only, "notified" when the notice is created (0: all, as before session 7)
  --agents N              simulated agents working the queue (default 4); --agent-think-ms N (default 0)
  --ask-rate N            shopper ask-for-human probes per second (default 1)
  --no-floor              skip the floor; --floor-hops N (default 4); --floor-messages N (default 6000)
  --env KEY=VALUE         service environment (repeatable): CONSUMER_CONCURRENCY, DATABASE_POOL_SIZE,
                          OUTBOX_POLL_INTERVAL_MS, NOTIFY_DISPATCH_POLL_MS, KAFKA_PARTITIONS …
  --partitions N          KAFKA_PARTITIONS for the services' topics and the floor (default 3)
  --log-level L           services' LOG_LEVEL (default info, as in production)
  --out DIR               results directory (default bench/results)
  --label S               run label in the file name
  --max-minutes N         hard stop for the whole run (default 15)
  --no-progress           no progress bar on stderr
  --run dist|source       dist (default): build each service like its Dockerfile (deploy/docker/build-dist.js)
                          and run node dist/services/<name>/src/main.js; source: TypeScript via tools/ts-register.js
  --services-root DIR     with --run dist: build the services from this copy of the repository (to try a
                          change to services/ or libs/ without editing the shared working tree)
  --node-arg FLAG          Node flag for the services (repeatable), e.g. --node-arg=--max-old-space-size=128
  --profile               start the services with node --cpu-prof; the report lists where CPU went
`;

export function parseOptions(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    allowPositionals: false,
    options: {
      help: { type: 'boolean', short: 'h' },
      quick: { type: 'boolean' },
      target: { type: 'string' },
      rate: { type: 'string' },
      'fixed-seconds': { type: 'string' },
      'warmup-seconds': { type: 'string' },
      'saturation-seconds': { type: 'string' },
      window: { type: 'string' },
      'sustain-seconds': { type: 'string' },
      'sustain-factor': { type: 'string' },
      'drain-seconds': { type: 'string' },
      'overload-seconds': { type: 'string' },
      shortage: { type: 'string' },
      mix: { type: 'string' },
      'picking-share': { type: 'string' },
      'no-pick-all': { type: 'boolean' },
      'email-share': { type: 'string' },
      agents: { type: 'string' },
      'agent-think-ms': { type: 'string' },
      'ask-rate': { type: 'string' },
      stores: { type: 'string' },
      skus: { type: 'string' },
      shoppers: { type: 'string' },
      'no-floor': { type: 'boolean' },
      'floor-hops': { type: 'string' },
      'floor-messages': { type: 'string' },
      'floor-fixed-seconds': { type: 'string' },
      partitions: { type: 'string' },
      env: { type: 'string', multiple: true },
      'log-level': { type: 'string' },
      out: { type: 'string' },
      label: { type: 'string' },
      'max-minutes': { type: 'string' },
      'no-progress': { type: 'boolean' },
      profile: { type: 'boolean' },
      run: { type: 'string' },
      'services-root': { type: 'string' },
      'node-arg': { type: 'string', multiple: true },
    },
  });
  if (values.help) {
    process.stdout.write(HELP);
    process.exit(0);
  }
  const quick = values.quick ?? false;
  const num = (key: keyof typeof values, full: number, quickValue = full) => {
    const raw = values[key];
    if (raw === undefined) return quick ? quickValue : full;
    const n = Number(raw);
    if (!Number.isFinite(n) || n < 0) throw new Error(`--${String(key)} must be a non-negative number, got ${String(raw)}`);
    return n;
  };
  const target = values.target ?? 'own';
  const run = values.run ?? 'dist';
  if (run !== 'dist' && run !== 'source') throw new Error('--run must be dist or source');
  if (target !== 'own' && target !== 'running') throw new Error('--target must be own or running');
  const serviceEnv: Record<string, string> = {};
  for (const pair of values.env ?? []) {
    const at = pair.indexOf('=');
    if (at <= 0) throw new Error(`--env expects KEY=VALUE, got ${pair}`);
    serviceEnv[pair.slice(0, at)] = pair.slice(at + 1);
  }
  const partitions = num('partitions', Number(serviceEnv.KAFKA_PARTITIONS ?? 3));
  serviceEnv.KAFKA_PARTITIONS ??= String(partitions);
  const shortage = num('shortage', 0.2);
  const pickingShare = num('picking-share', 1 / 3);
  const emailShare = num('email-share', 0.5);
  if (shortage > 1 || pickingShare > 1 || emailShare > 1) throw new Error('--shortage, --picking-share and --email-share are shares between 0 and 1');
  return {
    quick,
    target,
    rate: num('rate', 100, 20),
    fixedSeconds: num('fixed-seconds', 60, 5),
    warmupSeconds: num('warmup-seconds', 5, 2),
    saturationSeconds: num('saturation-seconds', 30, 5),
    saturationWindow: num('window', 400, 100),
    sustainSeconds: num('sustain-seconds', 30, 0),
    sustainFactor: num('sustain-factor', 0.9),
    drainSeconds: num('drain-seconds', 45, 20),
    overloadSeconds: num('overload-seconds', 8),
    shortage,
    mix: parseMix(values.mix),
    pickingShare,
    pickAll: !(values['no-pick-all'] ?? false),
    emailShare,
    agents: num('agents', 4, 2),
    agentThinkMs: num('agent-think-ms', 0),
    askRate: num('ask-rate', 1),
    stores: num('stores', 10, 4),
    skusPerStore: num('skus', 50, 20),
    shoppers: num('shoppers', 2000, 300),
    floor: !(values['no-floor'] ?? false),
    floorHops: num('floor-hops', 4),
    floorMessages: num('floor-messages', 6000, 800),
    floorFixedSeconds: num('floor-fixed-seconds', 15, 4),
    partitions,
    serviceEnv,
    logLevel: values['log-level'] ?? 'info',
    out: values.out ?? 'bench/results',
    label: values.label ?? (quick ? 'quick' : 'default'),
    maxMinutes: num('max-minutes', 15, 6),
    progress: !(values['no-progress'] ?? false),
    profile: values.profile ?? false,
    run,
    servicesRoot: values['services-root'],
    nodeArgs: values['node-arg'] ?? [],
  };
}

function parseMix(raw: string | undefined): Record<Choice, number> {
  const mix = Object.fromEntries(CHOICES.map((c) => [c, raw ? 0 : 1])) as Record<Choice, number>;
  if (!raw) return mix;
  for (const part of raw.split(',')) {
    const [name, weight = '1'] = part.split(':');
    if (!(CHOICES as readonly string[]).includes(name)) throw new Error(`--mix: unknown choice ${name} (use ${CHOICES.join(', ')})`);
    mix[name as Choice] = Number(weight);
  }
  if (!Object.values(mix).some((w) => w > 0)) throw new Error('--mix needs at least one positive weight');
  return mix;
}
