// The fault suite (docs/faults.md, docs/adr/0010-invariant-audit-and-fault-suite.md). In the main
// suite: a short run (200 orders, four faults). `npm run test:faults` (FAULTS_ORDERS=1000): every
// fault, on a private Kafka and PostgreSQL the suite may stop.
import { FaultSystem, SUBSCRIPTIONS } from './support/fault-system';
import { POISON_PER_TOPIC } from './support/faults';
import { ALL_FAULTS, FaultName, formatSuiteReport, runFaultSuite } from './support/fault-run';
import { PrivatePostgres } from './support/private-postgres';

const FULL = process.env.FAULTS_ORDERS !== undefined;
const ORDERS = Number(process.env.FAULTS_ORDERS ?? 200);
const canStopPostgres = PrivatePostgres.available();
const SHORT_FAULTS: FaultName[] = ['kill-order-while-publishing', 'restart-postgres-immediate', 'duplicates-and-replay', 'poison-messages'];
const FAULTS: FaultName[] = (process.env.FAULTS_ONLY?.split(',') as FaultName[] | undefined) ?? (FULL ? [...ALL_FAULTS] : SHORT_FAULTS);
const faults = FAULTS.filter((f) => canStopPostgres || f !== 'restart-postgres-immediate');
const privateKafka = faults.includes('restart-kafka');
// The requirement is 60 s. The short run shares the machine with the rest of the main suite (three
// Jest workers on two cores), so it gets twice that; FAULTS_CONVERGENCE_S overrides either.
const CONVERGENCE_S = Number(process.env.FAULTS_CONVERGENCE_S ?? (FULL ? 60 : 120));

describe(`fault suite (${ORDERS} orders, ${faults.length} faults)`, () => {
  let sys: FaultSystem | undefined;

  beforeAll(async () => {
    sys = await new FaultSystem({ privatePostgres: canStopPostgres, privateKafka, label: 'faults' }).start();
  }, 400_000);

  afterAll(async () => {
    await sys?.stop();
  }, 180_000);

  it(`converges within ${CONVERGENCE_S} s after every fault, loses and duplicates nothing, and the audit finds no violation`, async () => {
    const report = await runFaultSuite(sys!, { totalOrders: ORDERS, faults, convergenceTimeoutMs: CONVERGENCE_S * 1000 });
    process.stdout.write(`\n${formatSuiteReport(report)}\n`);

    expect(report.placeFailures).toEqual([]);
    expect(report.ordersPlaced).toBeGreaterThanOrEqual(ORDERS);
    expect(report.ordersInDatabase).toBe(report.ordersPlaced);
    for (const phase of report.phases) {
      expect({ fault: phase.fault, violations: phase.violationsByRule }).toEqual({ fault: phase.fault, violations: {} });
      expect(phase.convergenceSeconds).toBeLessThanOrEqual(CONVERGENCE_S);
    }
    expect(report.deadLetters.real).toEqual([]);
    if (faults.includes('poison-messages')) {
      // Every consumer group that reads a topic dead-letters each poison message on it once.
      const readers = Object.values(SUBSCRIPTIONS).reduce((n, topics) => n + topics.length, 0);
      expect(report.deadLetters.poison).toBe(readers * POISON_PER_TOPIC);
    }
    expect(report.finalAudit.countsByRule).toEqual({});
    expect(report.finalAudit.violationCount).toBe(0);
  }, FULL ? 3_600_000 : 1_200_000);
});
