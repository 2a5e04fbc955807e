import 'reflect-metadata';

export * from './errors';
export * from './event-context';
export * from './logger';
export * from './loop-waker';
export * from './outbox/transactional-outbox';
export * from './outbox/outbox-relay';
export * from './consumer/event-consumer';
export * from './consumer/dead-letter-publisher';
export * from './consumer/retry-policy';

export * from './kafka/kafka-factory';
export * from './kafka/topic-admin';
export * from './schema/messaging-tables.migration';
export * from './schema/outbox-vacuum.migration';
export * from './schema/messaging-migrations';
export * from './nest/on-event.decorator';
export * from './nest/messaging-config';
export * from './nest/messaging-runtime';
export * from './nest/messaging.module';
export * from './nest/kafka-health.indicator';
export * from './nest/messaging-metrics';
