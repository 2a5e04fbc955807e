import type { Kafka } from 'kafkajs';
import { Metrics } from '@askfirst/platform';
import type { OutboxRelay } from '../outbox/outbox-relay';
import { MessagingMetricNames, registerMessagingMetrics } from './messaging-metrics';

describe('messaging metrics', () => {
  it('has a zero dead-letter series for every subscribed type (and undecodable ones) before the first dead letter', async () => {
    const metrics = new Metrics('inventory');
    const relay = { backlog: async () => ({ count: 0, oldestAgeSeconds: 0 }) } as unknown as OutboxRelay;
    const observer = registerMessagingMetrics(metrics, relay, { kafka: {} as Kafka, groupId: () => undefined, topics: () => [], topicPrefix: '' });
    const series = async (type: string) => new RegExp(`^${MessagingMetricNames.deadLettered}\\{type="${type}",service="inventory"\\} (\\d+)$`, 'm').exec(await metrics.render())?.[1];

    expect(await series('order.placed.v1')).toBeUndefined();
    observer.onSubscribed(['order.placed.v1', 'order.cancelled.v1']);
    expect(await series('order.placed.v1')).toBe('0');
    expect(await series('order.cancelled.v1')).toBe('0');
    expect(await series('unknown')).toBe('0');
    observer.onProcessed('dead-lettered', 'order.placed.v1');
    expect(await series('order.placed.v1')).toBe('1');
    metrics.onApplicationShutdown();
  });

  it('counts group transactions that fell back, by reason, from zero', async () => {
    const metrics = new Metrics('order');
    const relay = { backlog: async () => ({ count: 0, oldestAgeSeconds: 0 }) } as unknown as OutboxRelay;
    const observer = registerMessagingMetrics(metrics, relay, { kafka: {} as Kafka, groupId: () => undefined, topics: () => [], topicPrefix: '' });
    const series = async (reason: string) => new RegExp(`^${MessagingMetricNames.groupFallbacks}\\{reason="${reason}",service="order"\\} (\\d+)$`, 'm').exec(await metrics.render())?.[1];

    expect(await series('lock-conflict')).toBe('0');
    expect(await series('handler-failed')).toBe('0');
    expect(await series('unattributed')).toBe('0');
    observer.onGroupFallback('lock-conflict');
    observer.onGroupFallback('lock-conflict');
    expect(await series('lock-conflict')).toBe('2');
    expect(await series('handler-failed')).toBe('0');
    metrics.onApplicationShutdown();
  });
});
