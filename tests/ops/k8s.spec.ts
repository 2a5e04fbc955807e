// k8s/: every overlay is rendered with kustomize (kubectl kustomize), every rendered object is
// validated against its Kubernetes / CRD schema (kubernetes-models, @kubernetes-models/{strimzi-kafka-operator,
// keda,cloudnative-pg}), and the policy the platform promises is checked object by object.
import { ALL_TOPICS, CaseType, deadLetterTopicOf } from '@askfirst/contracts';
import { defaultPort, envNamePatternsOf, envNamesOf, K8sObject, kafkaVersion, overlays, read, renderOverlay, schemaError, secretEnvNamesOf, services } from './support/ops-files';
import { aggregationsAround, DASHBOARD_METRICS, GROUP_WIDE_GAUGES } from './support/metrics';

const SERVICES = services().map((s) => s.name);
const OVERLAYS = overlays();
const EXPECTED_TOPICS: Record<string, { partitions: number; replicas: number; minIsr: number; kafkaNodes: number; postgresInstances: number }> = {
  dev: { partitions: 3, replicas: 1, minIsr: 1, kafkaNodes: 1, postgresInstances: 1 },
  prod: { partitions: 12, replicas: 3, minIsr: 2, kafkaNodes: 3, postgresInstances: 3 },
};
/** The one policy every service shares besides the default deny: spans to an OTLP collector. */
const OTLP_EGRESS = 'askfirst-otlp-egress';
/** REST calls between services (ADR 0003): caller -> callee. Nothing else may be reachable. */
const CALLS: Record<string, string[]> = { notification: ['order'], 'customer-service': ['order'] };

const rendered = new Map<string, K8sObject[]>();
function objects(overlay: string): K8sObject[] {
  if (!rendered.has(overlay)) rendered.set(overlay, renderOverlay(overlay));
  return rendered.get(overlay)!;
}
const all = (overlay: string, kind: string) => objects(overlay).filter((o) => o.kind === kind);
function one(overlay: string, kind: string, name: string): K8sObject {
  const found = all(overlay, kind).filter((o) => o.metadata.name === name);
  if (found.length !== 1) throw new Error(`${overlay}: expected one ${kind}/${name}, found ${found.length}`);
  return found[0];
}
function configMapData(overlay: string, name: string): Record<string, string> {
  return one(overlay, 'ConfigMap', name).data ?? {};
}
const matches = (selector: Record<string, string> | undefined, labels: Record<string, string> | undefined) =>
  !!selector && Object.entries(selector).every(([k, v]) => labels?.[k] === v);

it('has a dev and a prod overlay', () => {
  expect(OVERLAYS).toEqual(expect.arrayContaining(['dev', 'prod']));
});

describe.each(OVERLAYS)('overlay %s', (overlay) => {
  it('renders with kustomize', () => {
    expect(objects(overlay).length).toBeGreaterThan(30);
  });

  it('renders only objects that match their Kubernetes or operator schema', () => {
    const errors = objects(overlay).map(schemaError).filter(Boolean);
    expect(errors).toEqual([]);
  });

  it('puts every namespaced object into the overlay namespace and creates that namespace', () => {
    const [namespace] = all(overlay, 'Namespace');
    expect(namespace).toBeDefined();
    for (const o of objects(overlay).filter((x) => x.kind !== 'Namespace')) expect(`${o.kind}/${o.metadata.name} in ${o.metadata.namespace}`).toBe(`${o.kind}/${o.metadata.name} in ${namespace.metadata.name}`);
  });

  it('commits no Secret and no HorizontalPodAutoscaler (KEDA owns scaling)', () => {
    expect(all(overlay, 'Secret')).toEqual([]);
    expect(all(overlay, 'HorizontalPodAutoscaler')).toEqual([]);
  });

  describe('Kafka (Strimzi)', () => {
    it(`runs KRaft with node pools at the Kafka version of tools/local (${kafkaVersion()})`, () => {
      const [kafka] = all(overlay, 'Kafka');
      expect(kafka.apiVersion).toBe('kafka.strimzi.io/v1beta2');
      expect(kafka.spec.kafka.version).toBe(kafkaVersion());
      expect(kafka.spec.kafka.metadataVersion).toBe(`${kafkaVersion().split('.').slice(0, 2).join('.')}-IV0`);
      expect(kafka.metadata.annotations).toMatchObject({ 'strimzi.io/kraft': 'enabled', 'strimzi.io/node-pools': 'enabled' });
      expect(kafka.spec.zookeeper).toBeUndefined();
      expect(String(kafka.spec.kafka.config['auto.create.topics.enable'])).toBe('false');
      const pools = all(overlay, 'KafkaNodePool');
      expect(pools.every((p) => p.metadata.labels?.['strimzi.io/cluster'] === kafka.metadata.name)).toBe(true);
      const roles = new Set(pools.flatMap((p) => p.spec.roles));
      expect([...roles].sort()).toEqual(['broker', 'controller']);
      const brokers = pools.filter((p) => p.spec.roles.includes('broker')).reduce((n, p) => n + p.spec.replicas, 0);
      expect(brokers).toBe(EXPECTED_TOPICS[overlay]?.kafkaNodes ?? brokers);
      // Internal topics must be placeable on the brokers there are.
      expect(Number(kafka.spec.kafka.config['offsets.topic.replication.factor'])).toBeLessThanOrEqual(brokers);
      expect(Number(kafka.spec.kafka.config['transaction.state.log.replication.factor'])).toBeLessThanOrEqual(brokers);
    });

    it('has a KafkaTopic for every topic in libs/contracts and for its dead-letter topic', () => {
      const [kafka] = all(overlay, 'Kafka');
      const topics = all(overlay, 'KafkaTopic');
      const names = topics.map((t) => t.spec.topicName ?? t.metadata.name).sort();
      const wanted = ALL_TOPICS.flatMap((t) => [t, deadLetterTopicOf(t)]).sort();
      expect(names).toEqual(wanted);
      const expected = EXPECTED_TOPICS[overlay];
      const brokers = all(overlay, 'KafkaNodePool').filter((p) => p.spec.roles.includes('broker')).reduce((n, p) => n + p.spec.replicas, 0);
      for (const topic of topics) {
        const label = topic.spec.topicName;
        expect({ label, cluster: topic.metadata.labels?.['strimzi.io/cluster'] }).toEqual({ label, cluster: kafka.metadata.name });
        expect({ label, maxMessageBytes: Number(topic.spec.config['max.message.bytes']) }).toEqual({ label, maxMessageBytes: 5 * 1024 * 1024 });
        expect(topic.spec.replicas).toBeLessThanOrEqual(brokers);
        expect(Number(topic.spec.config['min.insync.replicas'])).toBeLessThanOrEqual(topic.spec.replicas);
        if (expected) {
          expect({ label, partitions: topic.spec.partitions, replicas: topic.spec.replicas, minIsr: Number(topic.spec.config['min.insync.replicas']) }).toEqual({
            label,
            partitions: expected.partitions,
            replicas: expected.replicas,
            minIsr: expected.minIsr,
          });
        }
      }
    });
  });

  describe('PostgreSQL (CloudNativePG)', () => {
    it.each(SERVICES)('%s has its own cluster and database', (service) => {
      const cluster = one(overlay, 'Cluster', `${service}-db`);
      expect(cluster.apiVersion).toBe('postgresql.cnpg.io/v1');
      expect(cluster.spec.bootstrap.initdb.database).toBe(`askfirst_${service.replace(/-/g, '_')}`);
      expect(cluster.spec.imageName).toMatch(/postgresql:15/);
      if (EXPECTED_TOPICS[overlay]) expect(cluster.spec.instances).toBe(EXPECTED_TOPICS[overlay].postgresInstances);
    });
  });

  describe.each(SERVICES)('service %s', (service) => {
    const deployment = () => one(overlay, 'Deployment', service);
    const container = () => deployment().spec.template.spec.containers.find((c: { name: string }) => c.name === service);
    const podLabels = () => deployment().spec.template.metadata.labels as Record<string, string>;

    /** Env names the container gets: env entries plus the keys of envFrom ConfigMaps. */
    function providedEnv(): Map<string, { value?: string; secretRef?: { name: string; key: string }; configMap?: string }> {
      const provided = new Map<string, { value?: string; secretRef?: { name: string; key: string }; configMap?: string }>();
      for (const source of container().envFrom ?? []) {
        if (source.secretRef) throw new Error('envFrom secretRef hides which secrets a service reads: use env[].valueFrom.secretKeyRef');
        const name = source.configMapRef.name;
        for (const [key, value] of Object.entries(configMapData(overlay, name))) provided.set(key, { value, configMap: name });
      }
      for (const e of container().env ?? []) provided.set(e.name, { value: e.value, secretRef: e.valueFrom?.secretKeyRef });
      return provided;
    }

    it('runs its image on its default port, non-root with a read-only root file system and no capabilities', () => {
      const pod = deployment().spec.template.spec;
      const c = container();
      expect(c.image).toMatch(new RegExp(`^(.+/)?askfirst/${service}:[\\w.-]+$`));
      expect(c.ports.map((p: { containerPort: number }) => p.containerPort)).toEqual([defaultPort(service)]);
      expect(pod.securityContext.runAsNonRoot).toBe(true);
      expect(pod.securityContext.runAsUser).toBeGreaterThan(0);
      expect(pod.securityContext.seccompProfile?.type).toBe('RuntimeDefault');
      expect(pod.automountServiceAccountToken).toBe(false);
      expect(c.securityContext).toMatchObject({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } });
      expect(c.securityContext.privileged).not.toBe(true);
      // Node and its libraries may write temporary files: only to an emptyDir.
      const tmp = c.volumeMounts?.find((m: { mountPath: string }) => m.mountPath === '/tmp');
      expect(pod.volumes.find((v: { name: string }) => v.name === tmp?.name)?.emptyDir).toBeDefined();
      expect(deployment().spec.replicas).toBeUndefined();
    });

    it('has startup, liveness (/health/live) and readiness (/health/ready) probes', () => {
      const c = container();
      expect(c.startupProbe?.httpGet?.path).toBe('/health/live');
      expect(c.livenessProbe?.httpGet?.path).toBe('/health/live');
      expect(c.readinessProbe?.httpGet?.path).toBe('/health/ready');
      for (const probe of [c.startupProbe, c.livenessProbe, c.readinessProbe]) expect(['http', defaultPort(service)]).toContain(probe.httpGet.port);
      // Readiness must outlast the health indicators' own 2 s timeout.
      expect(c.readinessProbe.timeoutSeconds).toBeGreaterThanOrEqual(3);
    });

    it('has CPU and memory requests and a memory limit', () => {
      const { requests, limits } = container().resources ?? {};
      expect(requests?.cpu).toBeDefined();
      expect(requests?.memory).toBeDefined();
      expect(limits?.memory).toBeDefined();
      expect(limits?.cpu).toBeDefined();
    });

    it('drains before stopping: preStop sleep, then enough grace for the graceful shutdown', () => {
      const c = container();
      const command: string[] = c.lifecycle?.preStop?.exec?.command ?? [];
      const sleep = c.lifecycle?.preStop?.sleep?.seconds ?? (command[0] === 'sleep' ? Number(command[1]) : NaN);
      expect(sleep).toBeGreaterThanOrEqual(5);
      expect(deployment().spec.template.spec.terminationGracePeriodSeconds).toBeGreaterThanOrEqual(sleep + 30);
    });

    it('gets every environment variable its config reads, secrets only through secretKeyRef', () => {
      const provided = providedEnv();
      const missing = [...envNamesOf(service)].filter((n) => !provided.has(n)).sort();
      for (const pattern of envNamePatternsOf(service)) if (![...provided.keys()].some((n) => pattern.test(n))) missing.push(pattern.source);
      expect({ service, missing }).toEqual({ service, missing: [] });
      for (const secret of [...secretEnvNamesOf(service), 'DATABASE_URL']) {
        if (!provided.has(secret)) continue;
        expect({ secret, from: provided.get(secret)!.secretRef ? 'secretKeyRef' : 'plain value' }).toEqual({ secret, from: 'secretKeyRef' });
      }
      expect(provided.get('DATABASE_URL')!.secretRef).toEqual({ name: `${service}-db-app`, key: 'uri' });
      expect(provided.get('NODE_ENV')!.value).toBe('production');
      expect(provided.get('KAFKA_TOPIC_PREFIX')!.value).toBe('');
      expect(provided.get('PORT')!.value).toBe(String(defaultPort(service)));
      // Test-only knobs never reach a cluster (ORDER_DECISION_WINDOW_SCALE turns minutes into milliseconds).
      expect(provided.has('ORDER_DECISION_WINDOW_SCALE')).toBe(false);
      if (service === 'customer-service') for (const type of Object.values(CaseType)) expect(Number(provided.get(`SLA_${type}_SECONDS`)?.value)).toBeGreaterThan(0);
    });

    it('reaches Kafka through the bootstrap service of its own namespace', () => {
      const [kafka] = all(overlay, 'Kafka');
      expect(providedEnv().get('KAFKA_BROKERS')!.value).toBe(`${kafka.metadata.name}-kafka-bootstrap.${deployment().metadata.namespace}.svc:9092`);
      for (const callee of CALLS[service] ?? []) expect(providedEnv().get(`${callee.toUpperCase().replace(/-/g, '_')}_URL`)?.value).toBe(`http://${callee}:${defaultPort(callee)}`);
    });

    it('has a Service on its port selecting its pods', () => {
      const svc = one(overlay, 'Service', service);
      expect(matches(svc.spec.selector, podLabels())).toBe(true);
      expect(svc.spec.ports.map((p: { port: number }) => p.port)).toEqual([defaultPort(service)]);
    });

    it('has a PodDisruptionBudget selecting its pods', () => {
      const pdbs = all(overlay, 'PodDisruptionBudget').filter((p) => matches(p.spec.selector.matchLabels, podLabels()));
      expect(pdbs).toHaveLength(1);
      expect(pdbs[0].spec.maxUnavailable ?? pdbs[0].spec.minAvailable).toBeDefined();
    });

    it('has a NetworkPolicy allowing only DNS, Kafka, its own database and the APIs it calls', () => {
      const policies = all(overlay, 'NetworkPolicy').filter((p) => matches(p.spec.podSelector.matchLabels, podLabels()));
      const deny = policies.find((p) => !p.spec.ingress && !p.spec.egress);
      expect(deny?.spec.policyTypes.sort()).toEqual(['Egress', 'Ingress']);
      const own = policies.filter((p) => p !== deny && p.metadata.name !== OTLP_EGRESS);
      expect(own).toHaveLength(1);
      const egress: { to: any[]; ports: { port: number | string; protocol: string }[] }[] = own[0].spec.egress;
      const peerKinds = egress.map((rule) => {
        const to = rule.to[0];
        const ports = rule.ports.map((p) => p.port);
        if (to.podSelector?.matchLabels?.['k8s-app'] === 'kube-dns') return { kind: 'dns', ports };
        if (to.podSelector?.matchLabels?.['strimzi.io/cluster']) return { kind: 'kafka', ports };
        if (to.podSelector?.matchLabels?.['cnpg.io/cluster']) return { kind: `db:${to.podSelector.matchLabels['cnpg.io/cluster']}`, ports };
        if (to.podSelector?.matchLabels?.['app.kubernetes.io/name']) return { kind: `api:${to.podSelector.matchLabels['app.kubernetes.io/name']}`, ports };
        if (to.ipBlock) return { kind: 'external', ports };
        return { kind: JSON.stringify(to), ports };
      });
      const kinds = peerKinds.map((p) => p.kind);
      expect(kinds).toEqual(expect.arrayContaining(['dns', 'kafka', `db:${service}-db`]));
      const apis = kinds.filter((k) => k.startsWith('api:')).map((k) => k.slice(4));
      expect(apis.sort()).toEqual((CALLS[service] ?? []).sort());
      for (const p of peerKinds.filter((x) => x.kind.startsWith('api:'))) expect(p.ports).toEqual([defaultPort(p.kind.slice(4))]);
      expect(peerKinds.find((p) => p.kind === 'dns')!.ports).toEqual([53, 53]);
      expect(peerKinds.find((p) => p.kind === 'kafka')!.ports).toEqual([9092]);
      expect(peerKinds.find((p) => p.kind === `db:${service}-db`)!.ports).toEqual([5432]);
      // Only notification talks to the outside world (SMTP, SMS provider, webhooks).
      expect(kinds.includes('external')).toBe(service === 'notification');
      expect(kinds.filter((k) => !['dns', 'kafka', 'external'].includes(k) && !k.startsWith('api:'))).toEqual([`db:${service}-db`]);
    });

    it('is scaled by KEDA on the lag of consumer group askfirst.<service>', () => {
      const scaled = one(overlay, 'ScaledObject', service);
      expect(scaled.spec.scaleTargetRef.name).toBe(service);
      const kafkaTrigger = scaled.spec.triggers.find((t: { type: string }) => t.type === 'kafka');
      expect(kafkaTrigger.metadata.consumerGroup).toBe(`askfirst.${service}`);
      expect(Number(kafkaTrigger.metadata.lagThreshold)).toBeGreaterThan(0);
      const fromEnv = kafkaTrigger.metadata.bootstrapServersFromEnv;
      expect(fromEnv ? providedEnv().get(fromEnv)?.value : kafkaTrigger.metadata.bootstrapServers).toMatch(/:9092$/);
      expect(scaled.spec.minReplicaCount).toBeGreaterThanOrEqual(1);
      // More consumers than partitions would sit idle.
      const partitions = Math.min(...all(overlay, 'KafkaTopic').map((t) => t.spec.partitions));
      expect(scaled.spec.maxReplicaCount).toBeLessThanOrEqual(partitions);
      expect(scaled.spec.maxReplicaCount).toBeGreaterThanOrEqual(scaled.spec.minReplicaCount);
    });
  });

  it('lets the services send spans only to OTLP/HTTP (4318) in a monitoring namespace, and only when the endpoint is set', () => {
    const policy = one(overlay, 'NetworkPolicy', OTLP_EGRESS);
    expect(policy.spec).toEqual({
      podSelector: { matchLabels: { 'app.kubernetes.io/component': 'service' } },
      policyTypes: ['Egress'],
      egress: [{ to: [{ namespaceSelector: { matchLabels: { 'askfirst.io/monitoring': 'true' } } }], ports: [{ port: 4318, protocol: 'TCP' }] }],
    });
    // Off by default: the endpoint is a comment in shared.env, on the port the policy opens.
    expect(all(overlay, 'ConfigMap').filter((c) => c.data?.OTEL_EXPORTER_OTLP_ENDPOINT !== undefined)).toEqual([]);
    expect(read('k8s/base/config/shared.env')).toMatch(/^# OTEL_EXPORTER_OTLP_ENDPOINT=http:\/\/[\w.-]+:4318$/m);
  });

  it('ships the Grafana dashboard as a ConfigMap with the grafana_dashboard label, querying every contract metric', () => {
    const dashboards = all(overlay, 'ConfigMap').filter((c) => c.metadata.labels?.grafana_dashboard === '1');
    expect(dashboards).toHaveLength(1);
    const [file, json] = Object.entries(dashboards[0].data!)[0];
    expect(file).toMatch(/\.json$/);
    const dashboard = JSON.parse(json) as { uid: string; panels: { title: string; targets: { expr: string }[] }[] };
    expect(dashboard.uid).toBe('askfirst-overview');
    const exprs = dashboard.panels.flatMap((p) => p.targets.map((t) => t.expr)).join('\n');
    for (const metric of DASHBOARD_METRICS) expect({ metric, queried: exprs.includes(metric) }).toEqual({ metric, queried: true });
    const titles = dashboard.panels.map((p) => p.title.toLowerCase()).join(' | ');
    for (const word of ['latency p95', 'consumer lag', 'outbox backlog', 'oldest', 'dead letters', 'sla breaches', 'time to human']) expect(titles).toContain(word);
    // Each replica reports the whole group's lag and the whole database's outbox: a sum would count it once per replica.
    for (const expr of exprs.split('\n')) {
      for (const metric of GROUP_WIDE_GAUGES) {
        for (const aggregations of aggregationsAround(expr, metric)) expect({ expr, aggregations: aggregations.filter((a) => a !== 'max' && a !== 'min') }).toEqual({ expr, aggregations: [] });
      }
    }
  });
});

it('documents every dashboard metric for the service owners in docs/operations.md', () => {
  const doc = read('docs/operations.md');
  for (const metric of DASHBOARD_METRICS) expect({ metric, documented: doc.includes(`\`${metric}\``) }).toEqual({ metric, documented: true });
});

it('sees the aggregations around a metric in PromQL (the dashboard check relies on it)', () => {
  expect(aggregationsAround('sum by (service, topic) (askfirst_consumer_lag{service=~"$service"})', 'askfirst_consumer_lag')).toEqual([['sum']]);
  expect(aggregationsAround('max(askfirst_outbox_backlog) by (service) / sum(rate(x[5m]))', 'askfirst_outbox_backlog')).toEqual([['max']]);
  expect(aggregationsAround('sum(max by (service) (askfirst_consumer_lag))', 'askfirst_consumer_lag')).toEqual([['max', 'sum']]);
});
