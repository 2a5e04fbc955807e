// The env-name scanner the compose and k8s checks rely on: what it finds and how it classifies.
import { envReadsIn, envReadsOf, services } from './support/ops-files';

describe('envReadsIn', () => {
  it('classifies createEnv calls and process.env reads', () => {
    const source = `
      const env = createEnv(source);
      env.int('PORT', { default: 3001, min: 0 });
      env.url('DATABASE_URL', { default: 'postgres://x', protocols: ['postgres:'] });
      env.string('JWT_SECRET', { default: DEV_JWT_SECRET, secret: true });
      env.string('REQUIRED_THING');
      env.optional('SMTP_USER');
      env.optional('SMS_PROVIDER_KEY');
      env.int(\`SLA_\${type}_SECONDS\`, { default: 5 });
      const brokers = parseBrokers(env.KAFKA_BROKERS);
      const prefix = env.KAFKA_TOPIC_PREFIX ?? '';
      const level = process.env.LOG_LEVEL ?? 'info';
      const mode = process.env['APP_MODE'];
    `;
    expect(envReadsIn(source)).toEqual([
      { name: 'APP_MODE', kind: 'required' },
      { name: 'DATABASE_URL', kind: 'endpoint' },
      { name: 'JWT_SECRET', kind: 'secret' },
      { name: 'KAFKA_BROKERS', kind: 'endpoint' },
      { name: 'KAFKA_TOPIC_PREFIX', kind: 'tunable' },
      { name: 'LOG_LEVEL', kind: 'tunable' },
      { name: 'PORT', kind: 'tunable' },
      { name: 'REQUIRED_THING', kind: 'required' },
      { name: 'SMS_PROVIDER_KEY', kind: 'secret' },
      { name: 'SMTP_USER', kind: 'tunable' },
    ]);
  });

  it.each(services().map((s) => s.name))('finds what %s reads (database, Kafka, JWT secret at least)', (service) => {
    const reads = new Map(envReadsOf(service).map((r) => [r.name, r.kind]));
    expect(reads.get('DATABASE_URL')).toBe('endpoint');
    expect(reads.get('KAFKA_BROKERS')).toBe('endpoint');
    expect(reads.get('JWT_SECRET')).toBe('secret');
    expect(reads.get('NODE_ENV')).toBe('required');
  });
});
