import { Events, Topics, DlqHeaders, createEnvelope, deadLetterTopicOf, encodeEvent } from '@askfirst/contracts';
import type { EventEnvelope } from '@askfirst/contracts';
import type { EventConsumer, OutboxTransaction } from '../src';
import { deferStatement } from '@askfirst/platform';
import { testInfrastructure, waitFor, withKafkaAdmin } from '@askfirst/testing';
import type { QueryRunner } from 'typeorm';
import { MessagingHarness, placedOrder } from './harness';

const fastRetry = { maxAttempts: 3, initialDelayMs: 20, maxDelayMs: 100 };

/** Row 1 of `table` (n = 0), held by another writer: a transaction of its own on its own connection. */
async function holdContendedRow(h: MessagingHarness, table: string): Promise<QueryRunner> {
  await h.dataSource.query(`CREATE TABLE IF NOT EXISTS ${table} (id int PRIMARY KEY, n int NOT NULL)`);
  await h.dataSource.query(`INSERT INTO ${table} (id, n) VALUES (1, 0) ON CONFLICT (id) DO UPDATE SET n = 0`);
  const holder = h.dataSource.createQueryRunner();
  await holder.connect();
  await holder.startTransaction();
  await holder.query(`UPDATE ${table} SET n = n WHERE id = 1`);
  return holder;
}

/** `count` order.cancelled events, one order each, on customer-service's topic: a type no other test puts there. */
async function produceCancellations(h: MessagingHarness, count: number): Promise<void> {
  const cancelled = Array.from({ length: count }, () => placedOrder()).map((o) => createEnvelope(Events.orderCancelled, {
    orderId: o.orderId, shopperId: 's', reason: 'r', refundAmountCents: 0,
    decision: { decisionId: o.orderId, source: 'SHOPPER' as never, resolution: 'CANCEL_ORDER' as never, lineIds: [] },
  }, { subject: o.orderId, correlationId: o.orderId }));
  for (const e of cancelled) await h.produceRaw(Topics.customerService, e.subject, encodeEvent(e));
}

describe('event consumer: inbox, retries and dead letters (real PostgreSQL and Kafka)', () => {
  const h = new MessagingHarness('consumer');
  beforeAll(() => h.start(), 180_000);
  afterAll(() => h.stop());

  it('drops duplicates: the same message twice and a replay of the topic from offset 0 change nothing', async () => {
    const outcomes: string[] = [];
    const orders = [placedOrder(), placedOrder(), placedOrder()];
    const envelopes = orders.map((o) => createEnvelope(Events.orderPlaced, o, { subject: o.orderId, correlationId: o.orderId }));
    for (const e of envelopes) await h.produceRaw(Topics.order, e.subject, encodeEvent(e));
    await h.produceRaw(Topics.order, envelopes[0].subject, encodeEvent(envelopes[0])); // redelivery

    const name = 'dedup-consumer';
    const consumer = await h.consumer({
      name, topics: [Topics.order], retry: fastRetry,
      handlers: new Map([[Events.orderPlaced.type, h.widgetHandler()]]),
      onProcessed: (outcome) => outcomes.push(outcome),
    });
    await waitFor(() => outcomes.length === 4, { what: 'four deliveries' });
    expect(outcomes.filter((o) => o === 'handled')).toHaveLength(3);
    expect(outcomes.filter((o) => o === 'duplicate')).toHaveLength(1);
    const before = await h.widgets();
    expect(before.every((w) => w.applied === 1)).toBe(true);

    // Replay from offset 0: same consumer (same inbox), group offsets rewound.
    await consumer.stop();
    const admin = h.kafka.admin();
    await admin.connect();
    await admin.resetOffsets({ groupId: consumer.groupId, topic: h.topic(Topics.order), earliest: true });
    await admin.disconnect();
    outcomes.length = 0;
    await consumer.start();
    await waitFor(() => outcomes.length >= 4, { what: 'the replay', timeoutMs: 20_000 });
    expect(outcomes.every((o) => o === 'duplicate')).toBe(true);
    expect(await h.widgets()).toEqual(before);
    const [{ reserved }] = await h.dataSource.query(`SELECT count(*)::int AS reserved FROM outbox_messages WHERE event_type = 'inventory.reserved.v1'`);
    expect(reserved).toBe(3);
  }, 60_000);

  it('dead-letters a malformed message and a handler that always throws, with headers, and keeps the partition flowing', async () => {
    const dlq = await h.recorder(deadLetterTopicOf(Topics.order));
    const key = 'same-key-same-partition';
    const poisonHandlerFor = placedOrder();
    const good = placedOrder();
    let throwingCalls = 0;

    await h.produceRaw(Topics.order, key, '{"this is": not json');
    const poison = createEnvelope(Events.orderCancelled, {
      orderId: poisonHandlerFor.orderId, shopperId: 's', reason: 'r', refundAmountCents: 0,
      decision: { decisionId: poisonHandlerFor.orderId, source: 'SHOPPER' as never, resolution: 'CANCEL_ORDER' as never, lineIds: [] },
    }, { subject: key, correlationId: 'c' });
    await h.produceRaw(Topics.order, key, encodeEvent(poison));
    const goodEnvelope = createEnvelope(Events.orderPlaced, good, { subject: key, correlationId: 'c' });
    await h.produceRaw(Topics.order, key, encodeEvent(goodEnvelope));

    await h.consumer({
      name: 'dlq-consumer', topics: [Topics.order], retry: fastRetry,
      handlers: new Map([
        [Events.orderPlaced.type, h.widgetHandler()],
        [Events.orderCancelled.type, async () => { throwingCalls++; throw new Error('payment platform exploded'); }],
      ]),
    });

    await waitFor(async () => (await h.widgets()).some((w) => w.order_id === good.orderId), { what: 'the good message after the poison' });
    // The first test's consumer reads the same topic and dead-letters the malformed message too.
    const mine = () => dlq.messages.filter((m) => m.headers[DlqHeaders.consumer] === 'dlq-consumer');
    await waitFor(() => mine().length >= 2, { what: 'two dead letters' });
    expect(mine()).toHaveLength(2);
    const [malformed, throwing] = mine().sort((a, b) => Number(a.headers[DlqHeaders.sourceOffset]) - Number(b.headers[DlqHeaders.sourceOffset]));
    expect(malformed.value).toBe('{"this is": not json');
    expect(malformed.key).toBe(key);
    expect(malformed.headers[DlqHeaders.sourceTopic]).toBe(h.topic(Topics.order));
    expect(malformed.headers[DlqHeaders.error]).toMatch(/MALFORMED_JSON/);
    expect(malformed.headers[DlqHeaders.attempts]).toBe('1');
    expect(malformed.headers[DlqHeaders.sourcePartition]).toMatch(/^\d+$/);
    expect(throwing.json.id).toBe(poison.id);
    expect(throwing.headers[DlqHeaders.error]).toMatch(/payment platform exploded/);
    expect(throwing.headers[DlqHeaders.attempts]).toBe('3');
    expect(throwingCalls).toBe(3);
    // A failed handler left no half-applied state: its inbox row rolled back with it.
    const inbox = await h.dataSource.query(`SELECT event_id FROM inbox_messages WHERE event_id = $1`, [poison.id]);
    expect(inbox).toHaveLength(0);
  }, 60_000);

  it('rebuilds a consumer that kafkajs gave up on (crash with restart: false); the messages after the crash are still handled', async () => {
    const key = 'crash-key';
    const first = placedOrder();
    const later = placedOrder();
    // A type this consumer does not handle: the observer sees it as 'skipped'.
    const skipped = createEnvelope(Events.orderPickingStarted, { orderId: first.orderId, shopperId: 's', at: new Date().toISOString() }, { subject: key, correlationId: 'c' });
    await h.produceRaw(Topics.notification, key, encodeEvent(skipped));
    await h.produceRaw(Topics.notification, key, encodeEvent(createEnvelope(Events.orderPlaced, first, { subject: key, correlationId: 'c' })));

    const logs: string[] = [];
    const record = (message: string) => void logs.push(message);
    let crashes = 0;
    await h.consumer({
      name: 'crash-consumer', topics: [Topics.notification], retry: fastRetry,
      handlers: new Map([[Events.orderPlaced.type, h.widgetHandler()]]),
      logger: { info: record, warn: record, error: record },
      // A bug thrown out of the batch loop once. kafkajs does not retry a TypeError: its consumer
      // crashes with restart: false and stays down unless EventConsumer rebuilds it.
      onProcessed: (outcome) => {
        if (outcome === 'skipped' && crashes++ === 0) throw new TypeError('observer bug');
      },
    });

    await waitFor(() => logs.includes('consumer crashed; rebuilding it'), { what: 'the crash (restart: false)' });
    await waitFor(() => logs.includes('consumer restarted'), { what: 'the rebuilt consumer' });
    await waitFor(async () => (await h.widgets()).some((w) => w.order_id === first.orderId), { what: 'the message behind the crash', timeoutMs: 30_000 });
    await h.produceRaw(Topics.notification, key, encodeEvent(createEnvelope(Events.orderPlaced, later, { subject: key, correlationId: 'c' })));
    await waitFor(async () => (await h.widgets()).some((w) => w.order_id === later.orderId), { what: 'a message sent after the restart' });
    expect(crashes).toBeGreaterThanOrEqual(2); // the skipped message was read again by the rebuilt consumer
    expect(logs.filter((m) => m === 'consumer crashed; rebuilding it')).toHaveLength(1);
    // The crashed kafkajs consumer itself was started again (it keeps its member id, ADR 0022), not replaced.
    expect(logs).not.toContain('the crashed consumer did not start again; building a new one');
  }, 60_000);

  it('commits a busy batch several events per transaction; one failing message is retried alone and the others apply exactly once', async () => {
    await h.dataSource.query(`CREATE TABLE IF NOT EXISTS group_effects (event_id uuid NOT NULL)`);
    const dlq = await h.recorder(deadLetterTopicOf(Topics.inventory));
    const name = 'group-consumer';
    const placed = Array.from({ length: 40 }, () => placedOrder()).map((o) => createEnvelope(Events.orderPlaced, o, { subject: o.orderId, correlationId: o.orderId }));
    const failing = createEnvelope(Events.orderCancelled, {
      orderId: placed[0].data.orderId, shopperId: 's', reason: 'r', refundAmountCents: 0,
      decision: { decisionId: placed[0].data.orderId, source: 'SHOPPER' as never, resolution: 'CANCEL_ORDER' as never, lineIds: [] },
    }, { subject: placed[20].subject, correlationId: 'c' });
    // A topic the other tests' consumers do not read (it also carries their relayed events, which this consumer skips).
    // All on the topic before the consumer starts, so its first fetches are big batches.
    for (const [i, e] of placed.entries()) {
      await h.produceRaw(Topics.inventory, e.subject, encodeEvent(e));
      if (i === 20) await h.produceRaw(Topics.inventory, failing.subject, encodeEvent(failing));
    }
    await h.produceRaw(Topics.inventory, placed[5].subject, encodeEvent(placed[5])); // a duplicate, maybe in the same transaction

    const outcomes: string[] = [];
    const committed: number[] = [];
    const fallbacks: string[] = [];
    let failingCalls = 0;
    await h.consumer({
      name, topics: [Topics.inventory], retry: fastRetry, concurrency: 2, groupCommit: true,
      handlers: new Map([
        [Events.orderPlaced.type, async (envelope: EventEnvelope, tx: OutboxTransaction) => { await tx.manager.query(`INSERT INTO group_effects (event_id) VALUES ($1)`, [envelope.id]); }],
        [Events.orderCancelled.type, async () => { failingCalls++; throw new Error('refused'); }],
      ]),
      onProcessed: (outcome) => outcome !== 'skipped' && outcomes.push(outcome),
      onCommitted: (messages) => committed.push(messages),
      onGroupFallback: (reason) => fallbacks.push(reason),
    });
    await waitFor(() => outcomes.length === 42, { what: '42 outcomes', timeoutMs: 30_000 });
    expect(outcomes.filter((o) => o === 'handled')).toHaveLength(40);
    expect(outcomes.filter((o) => o === 'duplicate')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'dead-lettered')).toHaveLength(1);
    expect(failingCalls).toBe(fastRetry.maxAttempts);
    await waitFor(() => dlq.messages.some((m) => m.headers[DlqHeaders.consumer] === name), { what: 'the dead letter' });
    // Every effect exactly once: the rolled-back group left nothing behind, the retried one applied once.
    const effects: { event_id: string; n: number }[] = await h.dataSource.query(
      `SELECT event_id, count(*)::int AS n FROM group_effects WHERE event_id = ANY($1::uuid[]) GROUP BY event_id`, [placed.map((e) => e.id)]);
    expect(effects).toHaveLength(40);
    expect(effects.every((e) => e.n === 1)).toBe(true);
    // And it did batch: fewer transactions than events.
    expect(Math.max(...committed)).toBeGreaterThan(1);
    expect(committed.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(40);
    // The group with the failing message fell back, and the failure was put on its handler.
    expect(fallbacks).toContain('handler-failed');
    expect(fallbacks).not.toContain('unattributed');
  }, 60_000);

  it('with a fetch linger, events that arrive while it lingers come as one batch and commit in one transaction, each applied once', async () => {
    await h.dataSource.query(`CREATE TABLE IF NOT EXISTS linger_effects (event_id uuid NOT NULL)`);
    const order = placedOrder();
    const envelopes = Array.from({ length: 6 }, () => createEnvelope(Events.orderConfirmed, { orderId: order.orderId, shopperId: 's', lines: [] }, { subject: order.orderId, correlationId: 'c' }));
    const handled: string[] = [];
    const committed: number[] = [];
    // A type no other test here handles (their consumers skip it); one key, so one partition and one chain.
    await h.consumer({
      name: 'linger-consumer', topics: [Topics.customerService], retry: fastRetry, groupCommit: true, fetchLingerMs: 2_000,
      handlers: new Map([[Events.orderConfirmed.type, async (envelope: EventEnvelope, tx: OutboxTransaction) => {
        await tx.manager.query(`INSERT INTO linger_effects (event_id) VALUES ($1)`, [envelope.id]);
        handled.push(envelope.id);
      }]]),
      onCommitted: (messages) => committed.push(messages),
    });
    await h.produceRaw(Topics.customerService, order.orderId, encodeEvent(envelopes[0]));
    await waitFor(() => handled.length === 1, { what: 'the first event', timeoutMs: 20_000 });
    // Five sends, each its own record, while the consumer waits out the linger after the first.
    for (const e of envelopes.slice(1)) await h.produceRaw(Topics.customerService, order.orderId, encodeEvent(e));
    // Counted once committed (a handler runs before its transaction commits).
    await waitFor(() => committed.reduce((a, b) => a + b, 0) === 6, { what: 'the five events sent during the linger', timeoutMs: 20_000 });
    expect(handled).toHaveLength(6);
    expect(committed.at(-1)).toBe(5);
    const effects: { n: number }[] = await h.dataSource.query(
      `SELECT count(*)::int AS n FROM linger_effects WHERE event_id = ANY($1::uuid[]) GROUP BY event_id`, [envelopes.map((e) => e.id)]);
    expect(effects.map((e) => e.n)).toEqual([1, 1, 1, 1, 1, 1]);
  }, 60_000);

  it('in a group, a deferred write that fails inside a later handler\'s statement blames nobody: every message goes alone, only the culprit is dead-lettered', async () => {
    await h.dataSource.query(`CREATE TABLE IF NOT EXISTS deferred_effects (event_id uuid NOT NULL, order_id uuid NOT NULL UNIQUE)`);
    const dlq = await h.recorder(deadLetterTopicOf(Topics.customerService));
    const name = 'deferred-consumer';
    const placed = Array.from({ length: 30 }, () => placedOrder()).map((o) => createEnvelope(Events.orderPlaced, o, { subject: o.orderId, correlationId: o.orderId }));
    // An order whose row is already there: its deferred insert breaks the UNIQUE order_id.
    const taken = placedOrder();
    await h.dataSource.query(`INSERT INTO deferred_effects (event_id, order_id) VALUES ($1, $1)`, [taken.orderId]);
    const clash = createEnvelope(Events.orderPlaced, taken, { subject: taken.orderId, correlationId: 'clash' });
    for (const [i, e] of placed.entries()) {
      await h.produceRaw(Topics.customerService, e.subject, encodeEvent(e));
      if (i === 20) await h.produceRaw(Topics.customerService, clash.subject, encodeEvent(clash));
    }
    const outcomes: string[] = [];
    const committed: number[] = [];
    const fallbacks: string[] = [];
    await h.consumer({
      // One attempt: a message wrongly blamed for another's failure would be dead-lettered too.
      name, topics: [Topics.customerService], retry: { maxAttempts: 1, initialDelayMs: 20, maxDelayMs: 100 }, concurrency: 1, groupCommit: true,
      handlers: new Map([
        [Events.orderPlaced.type, async (envelope: EventEnvelope, tx: OutboxTransaction) => {
          const { orderId } = envelope.data as { orderId: string };
          // A statement of its own (it carries whatever the handler before deferred), then a deferred write.
          await tx.manager.query(`SELECT count(*) FROM deferred_effects WHERE order_id = $1`, [orderId]);
          await deferStatement(tx.manager, `INSERT INTO deferred_effects (event_id, order_id) VALUES ($1, $2)`, [envelope.id, orderId]);
        }],
      ]),
      onProcessed: (outcome, type) => type === Events.orderPlaced.type && outcomes.push(outcome),
      onCommitted: (messages) => committed.push(messages),
      onGroupFallback: (reason) => fallbacks.push(reason),
    });
    await waitFor(() => outcomes.length === 31, { what: '31 outcomes', timeoutMs: 30_000 });
    expect(outcomes.filter((o) => o === 'handled')).toHaveLength(30);
    expect(outcomes.filter((o) => o === 'dead-lettered')).toHaveLength(1);
    await waitFor(() => dlq.messages.some((m) => m.headers[DlqHeaders.consumer] === name), { what: 'the dead letter' });
    const dead = dlq.messages.filter((m) => m.headers[DlqHeaders.consumer] === name);
    expect(dead.map((m) => JSON.parse(m.value ?? '{}').id)).toEqual([clash.id]);
    const effects: { event_id: string }[] = await h.dataSource.query(`SELECT event_id FROM deferred_effects WHERE event_id = ANY($1::uuid[])`, [[...placed, clash].map((e) => e.id)]);
    expect(effects.map((e) => e.event_id).sort()).toEqual(placed.map((e) => e.id).sort());
    expect(Math.max(...committed)).toBeGreaterThan(1);
    expect(fallbacks).toContain('unattributed');
    expect(fallbacks).not.toContain('handler-failed');
  }, 60_000);

  it('a group that waits too long for a row another transaction holds falls back as a lock conflict: its messages go alone, wait for the lock and apply once, none dead-lettered', async () => {
    const holder = await holdContendedRow(h, 'contended');
    await produceCancellations(h, 8);
    const outcomes: string[] = [];
    const fallbacks: string[] = [];
    try {
      await h.consumer({
        name: 'contended-consumer', topics: [Topics.customerService], retry: { maxAttempts: 1, initialDelayMs: 20, maxDelayMs: 100 }, concurrency: 1, groupCommit: true,
        handlers: new Map([[Events.orderCancelled.type, async (_e: EventEnvelope, tx: OutboxTransaction) => { await tx.manager.query(`UPDATE contended SET n = n + 1 WHERE id = 1`); }]]),
        onProcessed: (outcome, type) => type === Events.orderCancelled.type && outcomes.push(outcome),
        onGroupFallback: (reason) => fallbacks.push(reason),
      });
      await waitFor(() => fallbacks.includes('lock-conflict'), { what: 'a lock-conflict fallback', timeoutMs: 30_000 });
    } finally {
      await holder.commitTransaction();
      await holder.release();
    }
    await waitFor(() => outcomes.length === 8, { what: '8 outcomes', timeoutMs: 30_000 });
    expect(outcomes.every((o) => o === 'handled')).toBe(true);
    const [row]: { n: number }[] = await h.dataSource.query(`SELECT n FROM contended WHERE id = 1`);
    expect(row.n).toBe(8);
  }, 60_000);
});

describe('event consumer offset commits (real Kafka)', () => {
  const h = new MessagingHarness('offset-commits');
  beforeAll(() => h.start(), 180_000);
  afterAll(() => h.stop());

  const committedEnd = (groupId: string, logicalTopic: string = Topics.order) =>
    withKafkaAdmin(testInfrastructure().kafkaBrokers, async (admin) => {
      const [ends, [committed]] = await Promise.all([admin.fetchTopicOffsets(h.topic(logicalTopic)), admin.fetchOffsets({ groupId, topics: [h.topic(logicalTopic)] })]);
      const done = new Map(committed.partitions.map((p) => [p.partition, p.offset]));
      return ends.every((p) => p.high === '0' || done.get(p.partition) === p.high);
    });

  it('commits at most every 250 ms while messages trickle in, and what was processed soon after the last one', async () => {
    let handled = 0;
    const commits: number[] = [];
    const consumer = await h.consumer({
      name: 'trickle-consumer', topics: [Topics.order], retry: fastRetry,
      handlers: new Map([[Events.orderPlaced.type, h.widgetHandler()]]),
      onProcessed: () => void handled++,
      // When each commit was sent: their spacing is the rule (a commit's answer can take longer than the next one's).
      onOffsetsCommitted: (_partitions, sentAt) => void commits.push(sentAt),
    });
    const started = Date.now();
    for (let i = 0; i < 30; i++) {
      const order = placedOrder();
      await h.produceRaw(Topics.order, order.orderId, encodeEvent(createEnvelope(Events.orderPlaced, order, { subject: order.orderId, correlationId: order.orderId })));
      await new Promise((r) => setTimeout(r, 15));
      await waitFor(() => handled === i + 1, { what: `message ${i + 1} handled` });
    }
    // Thirty batches of one: kafkajs alone would commit thirty times.
    const elapsed = Date.now() - started;
    await waitFor(() => committedEnd(consumer.groupId), { what: 'the last offset committed', timeoutMs: 5_000 });
    expect(commits.length).toBeGreaterThan(0);
    expect(commits.length).toBeLessThanOrEqual(Math.ceil(elapsed / 250) + 2);
    for (let i = 1; i < commits.length; i++) expect(commits[i] - commits[i - 1]).toBeGreaterThanOrEqual(240);
  }, 60_000);

  it('commits what it processed when it stops', async () => {
    let handled = 0;
    const consumer = await h.consumer({
      name: 'stopping-consumer', topics: [Topics.order], retry: fastRetry,
      handlers: new Map([[Events.orderPlaced.type, h.widgetHandler()]]),
      onProcessed: () => void handled++,
    });
    await waitFor(() => handled >= 30, { what: 'the topic read', timeoutMs: 20_000 });
    await consumer.stop();
    expect(await committedEnd(consumer.groupId)).toBe(true);
  }, 60_000);

  it('a group that hits a lock conflict while the consumer stops still finishes its messages one by one and commits them', async () => {
    const holder = await holdContendedRow(h, 'contended_at_stop');
    await produceCancellations(h, 8);
    // The group's first handler waits until stop() has been called, then blocks on the held row
    // until the group's lock timeout: the conflict happens while the consumer is stopping.
    let entered!: () => void;
    const groupEntered = new Promise<void>((resolve) => (entered = resolve));
    let stopCalled!: () => void;
    const stopping = new Promise<void>((resolve) => (stopCalled = resolve));
    const outcomes: string[] = [];
    const fallbacks: string[] = [];
    let stopped: Promise<void> | undefined;
    let consumer: EventConsumer | undefined;
    try {
      consumer = await h.consumer({
        name: 'conflict-at-stop', topics: [Topics.customerService], retry: fastRetry, concurrency: 1, groupCommit: true,
        handlers: new Map([[Events.orderCancelled.type, async (_e: EventEnvelope, tx: OutboxTransaction) => {
          entered();
          await stopping;
          await tx.manager.query(`UPDATE contended_at_stop SET n = n + 1 WHERE id = 1`);
        }]]),
        onProcessed: (outcome, type) => type === Events.orderCancelled.type && outcomes.push(outcome),
        onGroupFallback: (reason) => fallbacks.push(reason),
      });
      await groupEntered;
      stopped = consumer.stop();
      stopCalled();
      // The group's lock timeout (100 ms) passes while the row is still held.
      await new Promise((resolve) => setTimeout(resolve, 500));
    } finally {
      stopCalled();
      await holder.commitTransaction();
      await holder.release();
    }
    await stopped;
    expect(new Set(fallbacks)).toEqual(new Set(['lock-conflict'])); // one per partition's batch
    expect(outcomes).toEqual(Array(8).fill('handled'));
    const [row]: { n: number }[] = await h.dataSource.query(`SELECT n FROM contended_at_stop WHERE id = 1`);
    expect(row.n).toBe(8);
    expect(await committedEnd(consumer!.groupId, Topics.customerService)).toBe(true);
  }, 60_000);
});
