import { DynamicModule, Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { SourceService } from '@askfirst/contracts';
import { TransactionalOutbox } from '../outbox/transactional-outbox';
import { KafkaHealthIndicator } from './kafka-health.indicator';
import { messagingConfigFromEnv } from './messaging-config';
import { MESSAGING_CONFIG, MessagingRuntime } from './messaging-runtime';

/** Outbox, relay, consumer and topic set-up for one service. Handlers are found by `@OnEvent`. */
@Global()
@Module({})
export class MessagingModule {
  static forService(service: SourceService): DynamicModule {
    return {
      module: MessagingModule,
      imports: [DiscoveryModule],
      providers: [
        { provide: MESSAGING_CONFIG, useFactory: () => messagingConfigFromEnv(service) },
        { provide: TransactionalOutbox, useFactory: (ds: DataSource) => new TransactionalOutbox(ds), inject: [DataSource] },
        MessagingRuntime,
        KafkaHealthIndicator,
      ],
      exports: [TransactionalOutbox, MessagingRuntime, KafkaHealthIndicator, MESSAGING_CONFIG],
    };
  }
}
