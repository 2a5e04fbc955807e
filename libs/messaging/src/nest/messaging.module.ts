import { DynamicModule, Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { SourceService } from '@askfirst/contracts';
import { TransactionalOutbox } from '../outbox/transactional-outbox';
import { KafkaHealthIndicator } from './kafka-health.indicator';
import { MessagingConfig, messagingConfigFromEnv } from './messaging-config';
import { MESSAGING_CONFIG, MessagingRuntime } from './messaging-runtime';

/** Outbox, relay, consumer and topic set-up for one service. Handlers are found by `@OnEvent`. */
@Global()
@Module({})
export class MessagingModule {
  /** Config comes from the environment; `overrides` lets tests run several services in one process. */
  static forService(service: SourceService, overrides: Partial<MessagingConfig> = {}): DynamicModule {
    return {
      module: MessagingModule,
      imports: [DiscoveryModule],
      providers: [
        { provide: MESSAGING_CONFIG, useFactory: () => ({ ...messagingConfigFromEnv(service), ...overrides, service }) },
        { provide: TransactionalOutbox, useFactory: (ds: DataSource) => new TransactionalOutbox(ds), inject: [DataSource] },
        MessagingRuntime,
        KafkaHealthIndicator,
      ],
      exports: [TransactionalOutbox, MessagingRuntime, KafkaHealthIndicator, MESSAGING_CONFIG],
    };
  }
}
