import { randomBytes } from 'node:crypto';
import { deleteTopicsWithPrefix, runTopicPrefix, testInfrastructure, unusedPort, waitForKafka, withKafkaAdmin } from '../src';

describe('test-infrastructure Kafka admin (real broker)', () => {
  const { kafkaBrokers } = testInfrastructure();

  it('waits for a broker that answers, and gives up at its deadline on a port nobody listens on', async () => {
    await expect(waitForKafka(kafkaBrokers, 10_000)).resolves.toBeUndefined();
    const closed = `127.0.0.1:${await unusedPort()}`;
    const started = Date.now();
    await expect(waitForKafka([closed], 1_000)).rejects.toThrow(`Kafka at ${closed} not ready after 1000 ms`);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it("deletes one run's topics and consumer groups, not those of a run whose id starts the same", async () => {
    const run = `r${randomBytes(4).toString('hex')}`;
    const mine = [`${runTopicPrefix(run)}a`, `${runTopicPrefix(run)}b`];
    const other = `${runTopicPrefix(`${run}0`)}a`;
    const group = `${runTopicPrefix(run)}group`;
    await withKafkaAdmin(kafkaBrokers, async (admin) => {
      await admin.createTopics({ topics: [...mine, other].map((topic) => ({ topic, numPartitions: 1 })), waitForLeaders: true });
      await admin.setOffsets({ groupId: group, topic: mine[0], partitions: [{ partition: 0, offset: '0' }] });
    });

    expect(await deleteTopicsWithPrefix(kafkaBrokers, runTopicPrefix(run))).toEqual({ topics: 2, groups: 1 });
    const { topics, groups } = await withKafkaAdmin(kafkaBrokers, async (admin) => ({
      topics: await admin.listTopics(),
      groups: (await admin.listGroups()).groups.map((g) => g.groupId),
    }));
    expect(topics).toContain(other);
    expect(topics.filter((t) => mine.includes(t))).toEqual([]);
    expect(groups).not.toContain(group);
    await deleteTopicsWithPrefix(kafkaBrokers, runTopicPrefix(`${run}0`));
  });
});
