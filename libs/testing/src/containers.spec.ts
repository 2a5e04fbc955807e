import { Wait } from 'testcontainers';
import { containerDefinitions, kafkaVersion } from './containers';
import { KAFKA_ENV, KAFKA_WAITING_LINE, kafkaStartScript } from './kafka-container';

// The testcontainers fallback never runs on machines without Docker, so its definitions are checked
// here, built but not started: what a container would be created with is in its create options.
interface Definition {
  createOpts: { Image: string; Cmd?: string[]; ExposedPorts?: Record<string, unknown> };
  environment: Record<string, string>;
  waitStrategy: unknown;
}
const definition = (container: unknown) => container as Definition;
const names = (listeners: string) => listeners.split(',').map((l) => l.split('://')[0]);

describe('test containers (built without a Docker engine)', () => {
  const { kafka, postgres } = containerDefinitions();

  describe('Kafka', () => {
    const { createOpts, environment, waitStrategy } = definition(kafka);

    it('is the official apache/kafka image at the version tools/local runs', () => {
      expect(kafkaVersion()).toMatch(/^\d+\.\d+\.\d+$/);
      expect(createOpts.Image).toBe(`apache/kafka:${kafkaVersion()}`);
      expect(Object.keys(createOpts.ExposedPorts ?? {})).toEqual(['9092/tcp']);
    });

    it('runs one node in KRaft combined mode with consistent listeners', () => {
      expect(environment).toEqual(KAFKA_ENV);
      expect(environment.KAFKA_PROCESS_ROLES).toBe('broker,controller');
      expect(Buffer.from(environment.CLUSTER_ID, 'base64url')).toHaveLength(16);
      const listeners = names(environment.KAFKA_LISTENERS);
      const mapped = environment.KAFKA_LISTENER_SECURITY_PROTOCOL_MAP.split(',').map((m) => m.split(':')[0]);
      expect(mapped.sort()).toEqual([...listeners].sort());
      expect(listeners).toEqual(expect.arrayContaining([environment.KAFKA_INTER_BROKER_LISTENER_NAME, environment.KAFKA_CONTROLLER_LISTENER_NAMES]));
      expect(environment.KAFKA_CONTROLLER_QUORUM_VOTERS).toBe(`1@localhost:${/CONTROLLER:\/\/:(\d+)/.exec(environment.KAFKA_LISTENERS)?.[1]}`);
      // One broker: internal topics with more replicas would never be created.
      expect(environment.KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR).toBe('1');
      expect(environment.KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR).toBe('1');
      expect(environment.KAFKA_AUTO_CREATE_TOPICS_ENABLE).toBe('false');
    });

    it('waits for the start script, which advertises the mapped port and runs the image\'s own start', () => {
      const [shell, flag, command] = createOpts.Cmd ?? [];
      expect([shell, flag]).toEqual(['sh', '-c']);
      expect(command).toContain(`echo '${KAFKA_WAITING_LINE}'`);
      expect(command).toMatch(/while \[ ! -f \S+ \]; do sleep 0\.1; done; exec bash \S+$/);
      expect(command).not.toContain('confluent');
      expect(waitStrategy).toEqual(Wait.forLogMessage(KAFKA_WAITING_LINE));

      const script = kafkaStartScript('PLAINTEXT://127.0.0.1:55001,BROKER://abc123:9093');
      expect(script).toContain("export KAFKA_ADVERTISED_LISTENERS='PLAINTEXT://127.0.0.1:55001,BROKER://abc123:9093'");
      expect(script.trimEnd().split('\n').at(-1)).toBe('exec /etc/kafka/docker/run');
    });
  });

  describe('PostgreSQL', () => {
    const { createOpts, waitStrategy } = definition(postgres);

    it('is postgres:15 (the version the machines run), ready once healthy and listening', () => {
      expect(createOpts.Image).toBe('postgres:15');
      expect(Object.keys(createOpts.ExposedPorts ?? {})).toEqual(['5432/tcp']);
      expect(waitStrategy).toEqual(Wait.forAll([Wait.forHealthCheck(), Wait.forListeningPorts()]));
    });
  });
});
