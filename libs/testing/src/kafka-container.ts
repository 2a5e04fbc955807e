import { GenericContainer, InspectResult, StartedTestContainer, Wait } from 'testcontainers';
import { waitForKafka } from './kafka-admin';

const CLIENT_PORT = 9092;
const START_SCRIPT = '/tmp/askfirst-kafka-start.sh';
const START_FLAG = '/tmp/askfirst-kafka-start.ready';
const STARTUP_TIMEOUT_MS = 180_000;
export const KAFKA_WAITING_LINE = 'askfirst: waiting for the start script';

/** Single-node KRaft (broker and controller in one process), configured like tools/local/kafka.sh's broker. */
export const KAFKA_ENV: Readonly<Record<string, string>> = {
  CLUSTER_ID: Buffer.from('askfirst-kafka-1').toString('base64url'),
  KAFKA_NODE_ID: '1',
  KAFKA_PROCESS_ROLES: 'broker,controller',
  KAFKA_LISTENERS: `PLAINTEXT://:${CLIENT_PORT},BROKER://:9093,CONTROLLER://:9094`,
  KAFKA_LISTENER_SECURITY_PROTOCOL_MAP: 'PLAINTEXT:PLAINTEXT,BROKER:PLAINTEXT,CONTROLLER:PLAINTEXT',
  KAFKA_INTER_BROKER_LISTENER_NAME: 'BROKER',
  KAFKA_CONTROLLER_LISTENER_NAMES: 'CONTROLLER',
  KAFKA_CONTROLLER_QUORUM_VOTERS: '1@localhost:9094',
  KAFKA_LOG_DIRS: '/tmp/kraft-combined-logs',
  KAFKA_DEFAULT_REPLICATION_FACTOR: '1',
  KAFKA_MIN_INSYNC_REPLICAS: '1',
  KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR: '1',
  KAFKA_OFFSETS_TOPIC_NUM_PARTITIONS: '10',
  KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR: '1',
  KAFKA_TRANSACTION_STATE_LOG_MIN_ISR: '1',
  KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS: '0',
  KAFKA_NUM_PARTITIONS: '3',
  KAFKA_AUTO_CREATE_TOPICS_ENABLE: 'false',
  KAFKA_DELETE_TOPIC_ENABLE: 'true',
};

/**
 * The official apache/kafka image. Clients must be told the mapped host port, which exists only
 * once the container runs, so the command waits for a start script that containerStarted writes
 * with the advertised listener (the technique of testcontainers-java's KafkaContainer).
 */
export class ApacheKafkaContainer extends GenericContainer {
  constructor(version: string) {
    super(`apache/kafka:${version}`);
    this.withExposedPorts(CLIENT_PORT)
      .withEnvironment({ ...KAFKA_ENV })
      .withCommand(['sh', '-c', `echo '${KAFKA_WAITING_LINE}'; while [ ! -f ${START_FLAG} ]; do sleep 0.1; done; exec bash ${START_SCRIPT}`])
      .withWaitStrategy(Wait.forLogMessage(KAFKA_WAITING_LINE))
      .withStartupTimeout(STARTUP_TIMEOUT_MS);
  }

  protected override async containerStarted(container: StartedTestContainer, inspect: InspectResult): Promise<void> {
    const address = kafkaAddress(container);
    await container.copyContentToContainer([{ content: kafkaStartScript(`PLAINTEXT://${address},BROKER://${inspect.hostname}:9093`), target: START_SCRIPT, mode: 0o755 }]);
    // The flag comes after the script is complete, so the loop never runs a half-copied file.
    await container.copyContentToContainer([{ content: '', target: START_FLAG }]);
    await waitForKafka([address], this.startupTimeoutMs ?? STARTUP_TIMEOUT_MS);
  }
}

export function kafkaStartScript(advertisedListeners: string): string {
  return `#!/bin/bash\nexport KAFKA_ADVERTISED_LISTENERS='${advertisedListeners}'\nexec /etc/kafka/docker/run\n`;
}

/** host:port for clients outside the container. */
export function kafkaAddress(container: StartedTestContainer): string {
  return `${container.getHost()}:${container.getMappedPort(CLIENT_PORT)}`;
}
