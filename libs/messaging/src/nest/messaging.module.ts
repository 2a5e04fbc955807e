import { DynamicModule, Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { SourceService } from '@askfirst/contracts';
import { PinoLoggerService } from '@askfirst/platform';
import { consoleJsonLogger, pinoMessagingLogger } from '../logger';
import { TransactionalOutbox } from '../outbox/transactional-outbox';
import { KafkaHealthIndicator } from './kafka-health.indicator';
import { MessagingConfig, messagingConfigFromEnv } from './messaging-config';
import { MESSAGING_CONFIG, MESSAGING_LOGGER, MessagingRuntime } from './messaging-runtime';

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
        {
          // The service's pino logger (PlatformModule), so lib and kafkajs lines carry `service` and the correlation id.
          provide: MESSAGING_LOGGER,
          useFactory: (logger?: PinoLoggerService) => (logger ? pinoMessagingLogger(logger.pino) : consoleJsonLogger(`${service}.messaging`)),
          inject: [{ token: PinoLoggerService, optional: true }],
        },
        { provide: TransactionalOutbox, useFactory: (ds: DataSource) => new TransactionalOutbox(ds), inject: [DataSource] },
        MessagingRuntime,
        KafkaHealthIndicator,
      ],
      exports: [TransactionalOutbox, MessagingRuntime, KafkaHealthIndicator, MESSAGING_CONFIG, MESSAGING_LOGGER],
    };
  }
}
