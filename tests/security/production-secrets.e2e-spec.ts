import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { DEV_DECISION_LINK_SECRET, DEV_JWT_SECRET, DEV_WEBHOOK_SIGNING_SECRET } from '@askfirst/platform';
import { REPO_ROOT, type ServiceName } from '@askfirst/testing';

jest.setTimeout(180_000);

/** Every secret a service refuses to start without in production, with its dev default. */
const SECRETS: Record<ServiceName, Record<string, string>> = {
  order: { JWT_SECRET: DEV_JWT_SECRET },
  inventory: { JWT_SECRET: DEV_JWT_SECRET },
  notification: { JWT_SECRET: DEV_JWT_SECRET, DECISION_LINK_SECRET: DEV_DECISION_LINK_SECRET, WEBHOOK_SIGNING_SECRET: DEV_WEBHOOK_SIGNING_SECRET },
  'customer-service': { JWT_SECRET: DEV_JWT_SECRET },
};

interface Exit {
  code: number | null;
  output: string;
}

/** Starts `services/<name>/src/main.ts` as tools/stack.sh does and waits for it to exit (it must, quickly). */
function boot(service: ServiceName, env: Record<string, string>): Promise<Exit> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-r', join(REPO_ROOT, 'tools/ts-register.js'), join(REPO_ROOT, `services/${service}/src/main.ts`)], {
      cwd: REPO_ROOT,
      // Nothing else for it to fail on first: a valid database URL, brokers and port. The secret check runs before any of them is used.
      env: {
        PATH: process.env.PATH ?? '', NODE_ENV: 'production', NODE_OPTIONS: '', LOG_LEVEL: 'info', PORT: '0',
        DATABASE_URL: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres', KAFKA_BROKERS: process.env.KAFKA_BROKERS ?? '127.0.0.1:19092',
        KAFKA_TOPIC_PREFIX: `test.secrets.${randomBytes(3).toString('hex')}.`, ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout!.on('data', (d) => (output += d));
    child.stderr!.on('data', (d) => (output += d));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${service} was still running after 120 s with ${JSON.stringify(Object.keys(env))}:\n${output.slice(-2000)}`));
    }, 120_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

const strong = () => randomBytes(32).toString('base64url');

/** For each service and each of its secrets: missing, and set to the dev default — every other secret strong. */
const CASES = (Object.entries(SECRETS) as [ServiceName, Record<string, string>][]).flatMap(([service, secrets]) =>
  Object.entries(secrets).flatMap(([name, devDefault]) => [
    { service, name, how: 'missing', value: undefined as string | undefined, reason: /secret is required in production/ },
    { service, name, how: 'the dev default', value: devDefault, reason: /secret equals a known dev default/ },
  ]),
);

describe('in production a service refuses to start with a missing or default secret, and names it', () => {
  it.each(CASES)('$service with $name $how exits non-zero naming $name', async ({ service, name, value, reason }) => {
    const env: Record<string, string> = {};
    for (const other of Object.keys(SECRETS[service])) if (other !== name) env[other] = strong();
    if (value !== undefined) env[name] = value;
    const { code, output } = await boot(service, env);
    expect(code).not.toBe(0);
    expect(code).not.toBeNull();
    expect(output).toContain(`${name}:`);
    expect(output).toMatch(reason);
    expect(output).not.toContain('listening on port');
  });
});
