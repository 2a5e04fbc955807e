// NEVER RENAME a topic: other platform services subscribe to these names.
// A breaking change gets a new topic (…v2), never an edit here.
export const Topics = {
  order: 'askfirst.order.v1',
  inventory: 'askfirst.inventory.v1',
  notification: 'askfirst.notification.v1',
  customerService: 'askfirst.customer-service.v1',
} as const;

export type TopicName = (typeof Topics)[keyof typeof Topics];

export const ALL_TOPICS: readonly TopicName[] = Object.values(Topics);

export const DLQ_SUFFIX = '.dlq';

export function deadLetterTopicOf(topic: string): string {
  return `${topic}${DLQ_SUFFIX}`;
}

/** Test runs and side-by-side environments prefix physical topic names; production uses none. */
export function physicalTopic(topic: string, prefix = ''): string {
  return `${prefix}${topic}`;
}

/** Headers carried on every dead letter, so an operator can find and replay the original. */
export const DlqHeaders = {
  sourceTopic: 'x-dlq-source-topic',
  sourcePartition: 'x-dlq-source-partition',
  sourceOffset: 'x-dlq-source-offset',
  error: 'x-dlq-error',
  attempts: 'x-dlq-attempts',
  consumer: 'x-dlq-consumer',
  failedAt: 'x-dlq-failed-at',
} as const;
