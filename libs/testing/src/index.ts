export * from './infrastructure';
export * from './wait-for';
export * from './topic-recorder';
export * from './service-app';
export * from './smtp-sink';
export * from './service-health.contract';
export * from './browser';
