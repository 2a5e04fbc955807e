import { Events, Topics } from '@askfirst/contracts';
import { waitFor } from '@askfirst/testing';
import { MessagingHarness, placedOrder } from './harness';

describe('transactional outbox (real PostgreSQL and Kafka)', () => {
  const h = new MessagingHarness('outbox');
  beforeAll(() => h.start(), 180_000);
  afterAll(() => h.stop());

  it('publishes an event exactly once per commit, keyed by the order id, and nothing for a rollback', async () => {
    const recorder = await h.recorder(Topics.order);
    const committed = placedOrder();
    const rolledBack = placedOrder();

    await h.outbox.run(async (tx) => {
      await tx.manager.query(`INSERT INTO widgets (order_id) VALUES ($1)`, [committed.orderId as string]);
      tx.publish(Events.orderPlaced, committed, { subject: committed.orderId });
    });
    await expect(
      h.outbox.run(async (tx) => {
        await tx.manager.query(`INSERT INTO widgets (order_id) VALUES ($1)`, [rolledBack.orderId]);
        tx.publish(Events.orderPlaced, rolledBack, { subject: rolledBack.orderId });
        throw new Error('business rule failed after staging the event');
      }),
    ).rejects.toThrow('business rule failed');
    // A later commit on the same key is the marker that everything before it was relayed.
    const sentinel = placedOrder(rolledBack.orderId);
    await h.outbox.run(async (tx) => void tx.publish(Events.orderPlaced, sentinel, { subject: sentinel.orderId }));

    // Different keys land on different partitions, which the recorder may read in any order: wait for both.
    await waitFor(() => recorder.messages.some((m) => m.json?.data?.lines?.[0]?.lineId === sentinel.lines[0].lineId), { what: 'sentinel' });
    await waitFor(() => recorder.messages.some((m) => m.json?.data?.orderId === committed.orderId), { what: 'the committed event' });
    const forCommitted = recorder.messages.filter((m) => m.json?.data?.orderId === committed.orderId);
    expect(forCommitted).toHaveLength(1);
    expect(forCommitted[0].key).toBe(committed.orderId);
    expect(forCommitted[0].headers['x-correlation-id']).toBe(forCommitted[0].json.correlationId);
    expect(recorder.messages.filter((m) => m.json?.data?.lines?.[0]?.lineId === rolledBack.lines[0].lineId)).toHaveLength(0);
    expect((await h.widgets()).map((w) => w.order_id)).toEqual([committed.orderId as string]);
    // The relay marks rows sent in the transaction that sent them, which may commit just after delivery.
    await waitFor(async () => (await h.dataSource.query(`SELECT count(*)::int AS unpublished FROM outbox_messages WHERE published_at IS NULL`))[0].unpublished === 0, { what: 'every row marked sent' });
  });

  it('keeps one order\'s events in commit order on one partition', async () => {
    const recorder = await h.recorder(Topics.order);
    const order = placedOrder();
    for (let i = 0; i < 20; i++) {
      await h.outbox.run(async (tx) => void tx.publish(Events.orderPickingStarted, { orderId: order.orderId, shopperId: `s-${i}`, at: new Date().toISOString() }, { subject: order.orderId }));
    }
    const mine = await waitFor(() => {
      const found = recorder.messages.filter((m) => m.key === order.orderId);
      return found.length === 20 && found;
    }, { what: '20 events of one order' });
    expect(new Set(mine.map((m) => m.partition)).size).toBe(1);
    expect(mine.map((m) => m.json.data.shopperId)).toEqual(Array.from({ length: 20 }, (_, i) => `s-${i}`));
  });

  it('reports its backlog for metrics', async () => {
    const backlog = await h.relay.backlog();
    expect(backlog.count).toBeGreaterThanOrEqual(0);
    expect(backlog.oldestAgeSeconds).toBeGreaterThanOrEqual(0);
  });

  it('runs afterCommit hooks once the transaction has committed, never after a rollback', async () => {
    const order = placedOrder();
    const seen: string[] = [];
    await h.outbox.run(async (tx) => {
      await tx.manager.query(`INSERT INTO widgets (order_id) VALUES ($1)`, [order.orderId as string]);
      tx.afterCommit(() => seen.push('committed'));
      // Inside the transaction the hook has not run yet, and another connection cannot see the row.
      expect(seen).toEqual([]);
      const [{ n }] = await h.dataSource.query(`SELECT count(*)::int AS n FROM widgets WHERE order_id = $1`, [order.orderId]);
      expect(n).toBe(0);
    });
    expect(seen).toEqual(['committed']);
    await expect(h.outbox.run(async (tx) => {
      tx.afterCommit(() => seen.push('rolled back'));
      throw new Error('no');
    })).rejects.toThrow('no');
    expect(seen).toEqual(['committed']);
  });
});

describe('the outbox relay is woken by a commit, not only by its poll (real PostgreSQL and Kafka)', () => {
  const h = new MessagingHarness('outbox-wake');
  // A poll this long never comes round during the test: only the commit's wake-up can explain a prompt event.
  beforeAll(() => h.start({ pollIntervalMs: 60_000 }), 180_000);
  afterAll(() => h.stop());

  it('publishes each committed event within a couple of seconds of its commit', async () => {
    const recorder = await h.recorder(Topics.order);
    // Three in a row: after each, the relay is back in its 60 s sleep and needs a new wake-up.
    for (let i = 1; i <= 3; i++) {
      const order = placedOrder();
      await h.outbox.run(async (tx) => void tx.publish(Events.orderPlaced, order, { subject: order.orderId }));
      await waitFor(() => recorder.messages.some((m) => m.key === order.orderId), { what: `event ${i} within 3 s of its commit`, timeoutMs: 3_000, intervalMs: 20 });
    }
  });
});
