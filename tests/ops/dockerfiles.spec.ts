// services/*/Dockerfile and .dockerignore, checked without a Docker engine: the instructions are
// parsed and held to the image policy (multi-stage, Node 24 slim, production dependencies only,
// non-root, HEALTHCHECK on /health/live with node's fetch), every COPY source exists and survives
// .dockerignore, and the four files stay the same template.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { defaultPort, read, REPO_ROOT, services } from './support/ops-files';
import { imageEnv, imageNodeArgs, imageNodeOptions } from '../bench/bench-system';

interface Instruction {
  op: string;
  args: string;
}

/** Dockerfile instructions with line continuations joined and comments dropped. */
function instructions(text: string): Instruction[] {
  const joined = text.replace(/\\\r?\n/g, ' ').split(/\r?\n/);
  return joined
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => {
      const [op, ...rest] = l.split(/\s+/);
      return { op: op.toUpperCase(), args: rest.join(' ') };
    });
}

interface Stage {
  from: string;
  name?: string;
  body: Instruction[];
}

function stages(all: Instruction[]): Stage[] {
  const result: Stage[] = [];
  for (const i of all) {
    if (i.op === 'FROM') {
      const m = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(i.args)!;
      result.push({ from: m[1], name: m[2], body: [] });
    } else result[result.length - 1]?.body.push(i);
  }
  return result;
}

/** Docker's .dockerignore rules (moby/patternmatcher): in order, `!` re-includes, a match on a parent directory excludes its files. */
function dockerignore(text: string): (file: string) => boolean {
  const toRegex = (pattern: string) => {
    let re = '';
    for (let i = 0; i < pattern.length; i++) {
      const c = pattern[i];
      if (c === '*' && pattern[i + 1] === '*') {
        i++;
        if (pattern[i + 1] === '/') {
          i++;
          re += '(?:.*/)?';
        } else re += '.*';
      } else if (c === '*') re += '[^/]*';
      else if (c === '?') re += '[^/]';
      else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
    }
    return new RegExp(`^${re}$`);
  };
  const rules = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => {
      const negate = l.startsWith('!');
      return { negate, regex: toRegex(path.posix.normalize((negate ? l.slice(1) : l).replace(/^\/+/, ''))) };
    });
  return (file: string) => {
    const parts = file.split('/');
    let matched = false;
    for (const rule of rules) {
      if (rule.negate !== matched) continue;
      const hit = parts.some((_, i) => rule.regex.test(parts.slice(0, i + 1).join('/')));
      if (hit) matched = !rule.negate;
    }
    return matched;
  };
}

const SERVICES = services().map((s) => s.name);
const ignored = dockerignore(read('.dockerignore'));

describe('.dockerignore', () => {
  it('keeps local state, dependencies and git history out of the build context', () => {
    for (const file of ['node_modules/kafkajs/package.json', 'libs/platform/node_modules/x/index.js', '.git/HEAD', '.local/kafka/data/x', 'services/order/dist/main.js', 'services/order/test/order.int-spec.ts', 'libs/platform/src/config/env.reader.spec.ts', 'tests/ops/k8s.spec.ts', 'k8s/base/kustomization.yaml', '.env']) {
      expect({ file, ignored: ignored(file) }).toEqual({ file, ignored: true });
    }
  });

  it('keeps every build input and every workspace manifest', () => {
    const manifests = ['package.json', 'package-lock.json', 'tests/package.json', ...fs.readdirSync(path.join(REPO_ROOT, 'libs')).map((l) => `libs/${l}/package.json`), ...SERVICES.map((s) => `services/${s}/package.json`)];
    for (const file of [...manifests, 'deploy/docker/build-dist.js', 'tools/dlq-replay.ts', 'libs/platform/src/index.ts', 'services/order/src/main.ts']) {
      expect({ file, ignored: ignored(file) }).toEqual({ file, ignored: false });
    }
  });
});

describe('production dependencies (what `npm ci --omit=dev` puts in every image)', () => {
  const manifests = ['package.json', ...['libs', 'services'].flatMap((dir) => fs.readdirSync(path.join(REPO_ROOT, dir)).map((p) => `${dir}/${p}/package.json`)), 'tests/package.json']
    .filter((file) => fs.existsSync(path.join(REPO_ROOT, file)));
  const TEST_ONLY = /testing|jest|testcontainers|supertest|playwright/;

  // (deploy/docker/build-dist.js, run by service-dist.int-spec.ts, refuses a shipped import of a dev-only package.)
  it.each(manifests)('%s lists no test package under dependencies', (file) => {
    const production = Object.keys((JSON.parse(read(file)) as { dependencies?: Record<string, string> }).dependencies ?? {});
    expect({ file, testPackages: production.filter((name) => TEST_ONLY.test(name)) }).toEqual({ file, testPackages: [] });
  });
});

describe.each(SERVICES)('services/%s/Dockerfile', (service) => {
  const text = read(`services/${service}/Dockerfile`);
  const all = instructions(text);
  const built = stages(all);
  const runtime = built[built.length - 1];
  const nodeImage = /^ARG NODE_IMAGE=(\S+)$/m.exec(text)?.[1];

  it('is multi-stage on the Node 24 slim image', () => {
    expect(nodeImage).toBe('node:24-slim');
    expect(built.length).toBeGreaterThanOrEqual(3);
    for (const stage of built) expect(stage.from).toMatch(/^(\$\{NODE_IMAGE\}|base)$/);
    expect(runtime.from).toBe('${NODE_IMAGE}');
  });

  it('transpiles at build time and runs dist/ with production dependencies only', () => {
    const build = built.find((s) => s.name === 'build')!;
    expect(build.body.map((i) => i.args).join('\n')).toContain(`build-dist.js --service ${service} --out dist`);
    const prodDeps = built.find((s) => s.name === 'prod-deps')!;
    expect(prodDeps.body.find((i) => i.op === 'RUN')!.args).toMatch(/npm ci --omit=dev/);
    // The runtime stage copies node_modules from the production install only, and no sources.
    const copies = runtime.body.filter((i) => i.op === 'COPY');
    expect(copies.map((c) => c.args)).toEqual(['--from=prod-deps /app/node_modules ./node_modules', '--from=prod-deps /app/package.json ./package.json', '--from=build /app/dist ./dist']);
    expect(runtime.body.some((i) => i.op === 'RUN')).toBe(false);
    const cmd = JSON.parse(runtime.body.find((i) => i.op === 'CMD')!.args) as string[];
    expect(cmd).toEqual(['node', '--no-maglev', `dist/services/${service}/src/main.js`]);
    // The bench and tools/stack.sh start the service with the same flags.
    expect(imageNodeArgs(service)).toEqual(['--no-maglev']);
    expect(runtime.body.find((i) => i.op === 'ENV')!.args).toContain('NODE_ENV=production');
  });

  it('caps the young and old generations and the malloc arenas (resident memory budget, docs/benchmark.md), and the bench runs the service with the same settings', () => {
    const env = runtime.body.find((i) => i.op === 'ENV')!.args;
    expect(env).toMatch(/NODE_OPTIONS="--max-semi-space-size=\d+ --max-old-space-size=\d+"/);
    expect(env).toContain(`NODE_OPTIONS="${imageNodeOptions(service)}"`);
    expect(env).toMatch(/MALLOC_ARENA_MAX=\d+/);
    expect(env).toContain(`MALLOC_ARENA_MAX=${imageEnv(service, 'MALLOC_ARENA_MAX')}`);
  });

  it('runs as a numeric non-root user, exposes its port and checks /health/live with fetch', () => {
    const user = runtime.body.filter((i) => i.op === 'USER').pop()!.args;
    expect(user).toMatch(/^[1-9]\d*(:[1-9]\d*)?$/);
    expect(runtime.body.find((i) => i.op === 'EXPOSE')!.args).toBe(String(defaultPort(service)));
    expect(runtime.body.find((i) => i.op === 'ENV')!.args).toContain(`PORT=${defaultPort(service)}`);
    const health = runtime.body.find((i) => i.op === 'HEALTHCHECK')!.args;
    expect(health).toMatch(/--interval=\S+ --timeout=\S+ --start-period=\S+ --retries=\d+ CMD /);
    const probe = JSON.parse(health.slice(health.indexOf('CMD ') + 4)) as string[];
    expect(probe[0]).toBe('node');
    expect(probe[2]).toContain("fetch('http://127.0.0.1:'");
    expect(probe[2]).toContain('/health/live');
  });

  it('copies only paths that exist and are not excluded by .dockerignore', () => {
    for (const copy of all.filter((i) => i.op === 'COPY' && !i.args.startsWith('--from'))) {
      const [source] = copy.args.split(/\s+/);
      if (source === '.') continue;
      expect({ source, exists: fs.existsSync(path.join(REPO_ROOT, source)) }).toEqual({ source, exists: true });
      expect({ source, ignored: ignored(source) }).toEqual({ source, ignored: false });
    }
  });

  it('is the same template as the order service Dockerfile (only name, port and description differ)', () => {
    const normalise = (t: string, name: string, port: number) =>
      t
        .split('\n')
        .filter((_, i) => i !== 1)
        .join('\n')
        .replaceAll(name, '<service>')
        .replaceAll(String(port), '<port>');
    expect(normalise(text, service, defaultPort(service))).toBe(normalise(read('services/order/Dockerfile'), 'order', defaultPort('order')));
  });
});
