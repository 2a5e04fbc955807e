import { DataSource } from 'typeorm';
import { Events, Topics } from '@askfirst/contracts';
import { TopicRecorder, waitFor } from '@askfirst/testing';
import { OutboxRelay, TransactionalOutbox } from '../src';
import { MessagingHarness, placedOrder } from './harness';

// Replicas of a service share its database: exactly one relay publishes at a time (a session
// advisory lock on its own connection), so one order's events keep their commit order.
describe('one publishing relay per database, across replicas (real PostgreSQL and Kafka)', () => {
  const h = new MessagingHarness('relay-publisher');
  let replica: DataSource;
  const relays: OutboxRelay[] = [];

  beforeAll(async () => {
    await h.start({ relay: false });
    // A second replica: its own pool on the same database.
    replica = await new DataSource({ type: 'postgres', url: h.databaseUrl, poolSize: 5 }).initialize();
  }, 180_000);
  afterAll(async () => {
    for (const relay of relays) await relay.stop(1_000).catch(() => undefined);
    await replica?.destroy();
    await h.stop();
  });

  // A poll of a minute: within these tests only a wake makes a relay look for rows.
  const replicaWith = (dataSource: DataSource) => {
    const relay = new OutboxRelay(dataSource, h.producer, { topicPrefix: h.prefix, pollIntervalMs: 60_000 });
    relays.push(relay);
    const outbox = new TransactionalOutbox(dataSource);
    outbox.attachWaker(relay);
    return { relay, outbox };
  };
  const commitEvent = async (outbox: TransactionalOutbox) => {
    const order = placedOrder();
    await outbox.run(async (tx) => void tx.publish(Events.orderPlaced, order, { subject: order.orderId }));
    return order.orderId as string;
  };
  const published = (recorder: TopicRecorder, orderId: string) =>
    waitFor(() => recorder.messages.some((m) => m.json?.data?.orderId === orderId), { what: `order ${orderId} on Kafka`, timeoutMs: 10_000 });
  const lockHolders = async (): Promise<number[]> =>
    (await h.dataSource.query(`SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`)).map((r: { pid: number }) => r.pid);

  it('publishes from one relay; a replica that commits wakes that relay, and takes over once it stops', async () => {
    const recorder = await h.recorder(Topics.order);
    const a = replicaWith(h.dataSource);
    const b = replicaWith(replica);

    const first = await commitEvent(a.outbox);
    expect(await a.relay.publishBatch()).toBe(1);
    expect(a.relay.publishing).toBe(true);
    await published(recorder, first);
    a.relay.start();
    b.relay.start();

    // B's commit wakes B, which cannot publish; it wakes A through the database, long before A's poll.
    const second = await commitEvent(b.outbox);
    await published(recorder, second);
    expect(b.relay.publishing).toBe(false);
    expect(a.relay.publishing).toBe(true);
    expect(await lockHolders()).toHaveLength(1);

    // A stops (a deploy): it lets go, and B publishes its next commit itself.
    await a.relay.stop();
    expect(a.relay.publishing).toBe(false);
    const third = await commitEvent(b.outbox);
    await published(recorder, third);
    expect(b.relay.publishing).toBe(true);

    // The relay marks a batch after Kafka acknowledged it, so the recorder can see the message first.
    const unpublished = async () => (await h.dataSource.query(`SELECT count(*)::int AS n FROM outbox_messages WHERE published_at IS NULL`))[0].n;
    await waitFor(async () => (await unpublished()) === 0, { what: 'every row marked published', timeoutMs: 10_000 });
  });

  it("hands publishing over when the publisher's connection dies (the lock goes with it)", async () => {
    const recorder = await h.recorder(Topics.order);
    const b = relays[1];
    expect(b.publishing).toBe(true);
    const [pid] = await lockHolders();
    await h.dataSource.query(`SELECT pg_terminate_backend($1)`, [pid]);

    const c = replicaWith(h.dataSource);
    c.relay.start();
    const orderId = await commitEvent(c.outbox);
    await published(recorder, orderId);
    expect(c.relay.publishing).toBe(true);

    // B finds out at its next attempt and stops counting itself the publisher.
    b.wake();
    await waitFor(() => !b.publishing, { what: 'B to give up publishing' });
    expect(await lockHolders()).toHaveLength(1);
  });

  it('while busy, starts a cycle no sooner than lingerMs after the last one that published', async () => {
    const recorder = await h.recorder(Topics.order);
    for (const relay of relays) await relay.stop(1_000);
    const relay = new OutboxRelay(h.dataSource, h.producer, { topicPrefix: h.prefix, pollIntervalMs: 60_000, lingerMs: 300 });
    relays.push(relay);
    const outbox = new TransactionalOutbox(h.dataSource);
    outbox.attachWaker(relay);
    relay.start();
    const first = await commitEvent(outbox);
    await published(recorder, first);
    const second = await commitEvent(outbox);
    await published(recorder, second);
    const sentAt = (orderId: string) => recorder.messages.find((m) => m.json?.data?.orderId === orderId)!.timestamp;
    expect(sentAt(second) - sentAt(first)).toBeGreaterThanOrEqual(300);
  });

  it('stops at once when stop() comes while a cycle is running (not after its next poll)', async () => {
    const { relay, outbox } = replicaWith(h.dataSource);
    relay.start();
    await commitEvent(outbox); // wakes the relay: a cycle is under way
    const started = Date.now();
    await relay.stop(1_000);
    // The poll is a minute: a stop that waited for it would take that long.
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
