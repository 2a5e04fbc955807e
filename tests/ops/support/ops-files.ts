// Shared helpers for the operations tests: where things are, what each service reads from its
// environment, and how to render the kustomize overlays.
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseAllDocuments } from 'yaml';

export const REPO_ROOT = path.resolve(__dirname, '../../..');
export const NODE_MODULES = path.join(REPO_ROOT, 'node_modules');

export interface ServiceInfo {
  name: string;
  /** askfirst_<name with underscores>, as tools/local/postgres.sh and the compose init script create it. */
  database: string;
}

/** The services are the folders under services/ that have a src/main.ts. */
export function services(): ServiceInfo[] {
  return fs
    .readdirSync(path.join(REPO_ROOT, 'services'))
    .filter((name) => fs.existsSync(path.join(REPO_ROOT, 'services', name, 'src', 'main.ts')))
    .sort()
    .map((name) => ({ name, database: `askfirst_${name.replace(/-/g, '_')}` }));
}

export function read(relative: string): string {
  return fs.readFileSync(path.join(REPO_ROOT, relative), 'utf8');
}

/** The default of `env.int('PORT', { default: N })` in services/<name>/src/config.ts. */
export function defaultPort(service: string): number {
  const source = read(`services/${service}/src/config.ts`);
  const match = /env\.int\(\s*['"]PORT['"]\s*,\s*\{[^}]*default:\s*(\d+)/.exec(source);
  if (!match) throw new Error(`services/${service}/src/config.ts: no env.int('PORT', { default: N }) found`);
  return Number(match[1]);
}

const ENV_CALL = /\benv\.(string|int|bool|url|list|optional)\(\s*['"]([A-Z][A-Z0-9_]*)['"]\s*(,\s*\{[^}]*\})?/g;
const ENV_PROPERTY = /\b(?:env|source|process\.env)(?:\.([A-Z][A-Z0-9_]*)\b|\[\s*['"]([A-Z][A-Z0-9_]*)['"]\s*\])(\s*\?\?)?/g;
const SECRET_NAME = /(SECRET|PASSWORD|_PASS|_KEY|TOKEN)$/;
const ENDPOINT_NAME = /(_URL|_HOST|_BROKERS)$/;

export type EnvKind = 'required' | 'secret' | 'endpoint' | 'tunable';
export interface EnvRead {
  name: string;
  kind: EnvKind;
}

/**
 * Every upper-case environment variable a TypeScript file reads (createEnv calls or process.env
 * properties), classified:
 *   secret   - read with `secret: true` or named like a secret: a deployment must set it (k8s: secretKeyRef);
 *   endpoint - *_URL, *_HOST, *_BROKERS: the code default points at 127.0.0.1, wrong in a container;
 *   required - read without a default (the service refuses to start without it);
 *   tunable  - has a default in code (or is optional): a deployment may leave it to the code.
 */
export function envReadsIn(source: string): EnvRead[] {
  const found = new Map<string, EnvKind>();
  const add = (name: string, kind: EnvKind) => {
    const order: EnvKind[] = ['tunable', 'required', 'endpoint', 'secret'];
    const before = found.get(name);
    if (!before || order.indexOf(kind) > order.indexOf(before)) found.set(name, kind);
  };
  const classify = (name: string, hasDefault: boolean, secret: boolean): EnvKind =>
    secret || SECRET_NAME.test(name) ? 'secret' : ENDPOINT_NAME.test(name) ? 'endpoint' : hasDefault ? 'tunable' : 'required';
  for (const m of source.matchAll(ENV_CALL)) {
    const [, method, name, options = ''] = m;
    add(name, classify(name, method === 'optional' || /\bdefault\s*:/.test(options), /\bsecret\s*:\s*true/.test(options)));
  }
  for (const m of source.matchAll(ENV_PROPERTY)) add(m[1] ?? m[2], classify(m[1] ?? m[2], !!m[3], false));
  return [...found].map(([name, kind]) => ({ name, kind })).sort((a, b) => a.name.localeCompare(b.name));
}

/** Read by libs/platform in every service: production mode and the JWT secret. */
export const PLATFORM_ENV: EnvRead[] = [
  { name: 'NODE_ENV', kind: 'required' },
  { name: 'JWT_SECRET', kind: 'secret' },
  { name: 'LOG_LEVEL', kind: 'tunable' },
];

/**
 * What a service reads from its environment: its src/config.ts, libs/messaging's names when it calls
 * messagingConfigFromEnv, and the platform's.
 */
export function envReadsOf(service: string): EnvRead[] {
  const config = read(`services/${service}/src/config.ts`);
  const reads = envReadsIn(config);
  if (config.includes('messagingConfigFromEnv(')) reads.push(...envReadsIn(read('libs/messaging/src/nest/messaging-config.ts')));
  reads.push(...PLATFORM_ENV);
  const merged = new Map<string, EnvKind>();
  const order: EnvKind[] = ['tunable', 'required', 'endpoint', 'secret'];
  for (const r of reads) if (!merged.has(r.name) || order.indexOf(r.kind) > order.indexOf(merged.get(r.name)!)) merged.set(r.name, r.kind);
  return [...merged].map(([name, kind]) => ({ name, kind }));
}

/** Names a deployment must set for the service (everything but tunables). */
export function envNamesOf(service: string): Set<string> {
  return new Set(envReadsOf(service).filter((r) => r.kind !== 'tunable').map((r) => r.name));
}

export function secretEnvNamesOf(service: string): Set<string> {
  return new Set(envReadsOf(service).filter((r) => r.kind === 'secret').map((r) => r.name));
}

/**
 * Names built at run time, e.g. env.int(`SLA_${type}_SECONDS`), as patterns. Only those read without a
 * default must be matched by at least one provided name.
 */
export function envNamePatternsOf(service: string): RegExp[] {
  const config = read(`services/${service}/src/config.ts`);
  const patterns: RegExp[] = [];
  for (const m of config.matchAll(/\benv\.(?:string|int|bool|url|list)\(\s*`([^`]*\$\{[^`]*)`\s*(,\s*\{[^}]*\})?/g)) {
    if (/\bdefault\s*:/.test(m[2] ?? '')) continue;
    const source = m[1].split(/\$\{[^}]*\}/).map((part) => part.replace(/[.*+?^$()|[\]\\]/g, '\\$&')).join('[A-Z0-9_]+');
    patterns.push(new RegExp(`^${source}$`));
  }
  return patterns;
}

export function kafkaVersion(): string {
  return read('tools/local/kafka-version').trim();
}

// ---------------------------------------------------------------------------------------------
// kustomize

export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  spec?: any;
  data?: Record<string, string>;
  [key: string]: any;
}

function onPath(binary: string): string | undefined {
  const found = spawnSync('sh', ['-c', `command -v ${binary}`], { encoding: 'utf8' });
  return found.status === 0 ? found.stdout.trim() : undefined;
}

/** kubectl's minor version (1.N), or NaN when it does not say. */
function kubectlMinor(kubectl: string): number {
  const out = spawnSync(kubectl, ['version', '--client', '-o', 'json'], { encoding: 'utf8' });
  return Number(/"minor":\s*"(\d+)/.exec(out.stdout ?? '')?.[1]);
}

/**
 * How to run kustomize here: $KUSTOMIZE (a kustomize binary), else `kubectl kustomize` (kubectl ships
 * kustomize v5 since 1.27), else a `kustomize` binary on PATH.
 */
export function kustomizeCommand(): { command: string; args: string[] } {
  if (process.env.KUSTOMIZE) return { command: process.env.KUSTOMIZE, args: ['build'] };
  const kubectl = onPath('kubectl');
  if (kubectl && kubectlMinor(kubectl) >= 27) return { command: kubectl, args: ['kustomize'] };
  const kustomize = onPath('kustomize');
  if (kustomize) return { command: kustomize, args: ['build'] };
  throw new Error(
    (kubectl
      ? `${kubectl} is older than 1.27: its built-in kustomize cannot render the k8s overlays. `
      : 'Neither kubectl nor kustomize is on PATH, so the k8s overlays cannot be rendered. ') +
      'Install kubectl >= 1.27 (it embeds kustomize v5; on the project machines it is the preinstalled Debian package ' +
      '"kubectl" from google-cloud-cli, which tools/test.sh tries to install when it is missing — Debian\'s own "kubernetes-client" 1.20 ' +
      'is too old), or set KUSTOMIZE=/path/to/kustomize.',
  );
}

export function renderOverlay(overlay: string): K8sObject[] {
  const { command, args } = kustomizeCommand();
  const dir = path.join(REPO_ROOT, 'k8s', 'overlays', overlay);
  const yamlText = execFileSync(command, [...args, dir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  return parseYamlDocuments(yamlText, `k8s/overlays/${overlay}`) as K8sObject[];
}

export function parseYamlDocuments(text: string, label: string): unknown[] {
  const docs = parseAllDocuments(text);
  const result: unknown[] = [];
  for (const doc of docs) {
    if (doc.errors.length) throw new Error(`${label}: ${doc.errors.map((e) => e.message).join('; ')}`);
    const value = doc.toJS();
    if (value !== null && value !== undefined) result.push(value);
  }
  return result;
}

export function overlays(): string[] {
  return fs
    .readdirSync(path.join(REPO_ROOT, 'k8s', 'overlays'))
    .filter((o) => fs.existsSync(path.join(REPO_ROOT, 'k8s', 'overlays', o, 'kustomization.yaml')))
    .sort();
}

// ---------------------------------------------------------------------------------------------
// Kubernetes schema validation (kubernetes-models and the CRD model packages; ESM-only, so they
// are loaded by file path through Jest's require(esm) support).

const MODEL_PACKAGES: { group: RegExp; pkg: string }[] = [
  { group: /^(kafka|core)\.strimzi\.io$/, pkg: '@kubernetes-models/strimzi-kafka-operator' },
  { group: /^(keda\.sh|eventing\.keda\.sh)$/, pkg: '@kubernetes-models/keda' },
  { group: /^postgresql\.cnpg\.io$/, pkg: '@kubernetes-models/cloudnative-pg' },
  { group: /.*/, pkg: 'kubernetes-models' },
];

type ModelClass = new (data: unknown) => { validate(): void };

export function modelFor(apiVersion: string, kind: string): ModelClass {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
  const { pkg } = MODEL_PACKAGES.find((m) => m.group.test(group))!;
  const file = path.join(NODE_MODULES, pkg, group || '', version, `${kind}.js`);
  if (!fs.existsSync(file)) throw new Error(`no schema model for ${apiVersion} ${kind} (looked for ${path.relative(REPO_ROOT, file)})`);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require(file) as Record<string, ModelClass>;
  const model = mod[kind];
  if (!model) throw new Error(`${path.relative(REPO_ROOT, file)} does not export ${kind}`);
  return model;
}

/** Returns the validation error of one object, or undefined when it matches its schema. */
export function schemaError(object: K8sObject): string | undefined {
  try {
    const Model = modelFor(object.apiVersion, object.kind);
    new Model(object).validate();
    return undefined;
  } catch (error) {
    return `${object.kind}/${object.metadata?.name}: ${error instanceof Error ? error.message : String(error)}`;
  }
}
