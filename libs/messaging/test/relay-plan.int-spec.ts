import { Events } from '@askfirst/contracts';
import { RELAY_ACQUIRE_SQL, RELAY_RESIGN_SQL, RELAY_SELECT_SQL } from '../src';
import { MessagingHarness, placedOrder } from './harness';

type Plan = { Plan: { 'Node Type': string; 'Shared Hit Blocks': number; Plans?: Plan['Plan'][] } };

function nodeTypes(node: Plan['Plan']): string[] {
  return [node['Node Type'], ...(node.Plans ?? []).flatMap(nodeTypes)];
}

// A queue table: every published row leaves a dead entry in the index of unpublished rows. The
// relay's poll must not visit the heap for each of them (a bitmap scan does, every time).
describe("the outbox relay's poll after many published rows (real PostgreSQL)", () => {
  const h = new MessagingHarness('relay-plan');
  beforeAll(() => h.start({ relay: false }), 180_000);
  afterAll(() => h.stop());

  it('reads unpublished rows with an index scan in seq order that skips dead entries once it has met them', async () => {
    const stage = async (batches: number) => {
      for (let i = 0; i < batches; i++) {
        await h.outbox.run(async (tx) => {
          for (let j = 0; j < 100; j++) {
            const order = placedOrder();
            tx.publish(Events.orderPlaced, order, { subject: order.orderId });
          }
        });
      }
    };
    const publishAll = async () => {
      while ((await h.relay.publishBatch()) > 0) {
        /* until nothing is left */
      }
    };
    // A young table that autovacuum has not analysed yet (as in every benchmark run): PostgreSQL's
    // default estimate is below the relay's LIMIT, and left alone it picks a bitmap scan plus a sort.
    await stage(30);
    await publishAll();
    // Explained on a connection set up as the publishing relay's is.
    await h.relay.stop();
    const explain = async () => {
      const runner = h.dataSource.createQueryRunner();
      try {
        const [{ locked }] = await runner.query(RELAY_ACQUIRE_SQL);
        expect(locked).toBe(true);
        // One poll first, as the relay's next cycle would: an entry is marked dead only once its row
        // is dead to every snapshot, which on a busy server (the whole suite in parallel) can come
        // after the scan that published it. A bitmap scan never marks entries, so it still fails below.
        await runner.query(RELAY_SELECT_SQL, [500]);
        const [row] = await runner.query(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${RELAY_SELECT_SQL}`, [500]);
        await runner.query(RELAY_RESIGN_SQL);
        return (row['QUERY PLAN'] as Plan[])[0].Plan;
      } finally {
        await runner.release();
      }
    };
    const plan = await explain();
    expect(nodeTypes(plan)).toContain('Index Scan');
    expect(nodeTypes(plan)).not.toContain('Bitmap Heap Scan');
    // 3,000 dead entries, marked by the relay's own index scans: only index pages are read.
    expect(plan['Shared Hit Blocks']).toBeLessThan(50);
  }, 120_000);

  it('runs the outbox and inbox with vacuum after a fixed number of dead rows', async () => {
    const rows: { relname: string; reloptions: string[] }[] = await h.dataSource.query(
      `SELECT relname, reloptions FROM pg_class WHERE relname IN ('outbox_messages', 'inbox_messages') ORDER BY relname`,
    );
    for (const { reloptions } of rows) expect(reloptions).toEqual(expect.arrayContaining(['autovacuum_vacuum_scale_factor=0', 'autovacuum_vacuum_threshold=2000']));
    expect(rows).toHaveLength(2);
  });
});
