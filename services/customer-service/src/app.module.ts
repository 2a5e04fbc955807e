import { DynamicModule, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { KafkaHealthIndicator, MessagingModule } from '@askfirst/messaging';
import { DataSourceHealthIndicator, HealthModule, PlatformModule } from '@askfirst/platform';
import { CaseActionsController } from './api/case-actions.controller';
import { CaseErrorInterceptor } from './api/case-error.interceptor';
import { CasesController } from './api/cases.controller';
import { ConsoleController } from './api/console/console.controller';
import { QueueController } from './api/queue.controller';
import { ReportsController } from './api/reports.controller';
import { AskForHumanUseCase } from './application/ask-for-human.usecase';
import { BreachOverdueCasesUseCase } from './application/breach-overdue-cases.usecase';
import { WithdrawReachedShopperCasesUseCase } from './application/withdraw-reached-shopper-cases.usecase';
import { CaseEventPublisher } from './application/case-event.publisher';
import { ClaimCaseUseCase } from './application/claim-case.usecase';
import { GetCaseViewUseCase } from './application/get-case-view.usecase';
import { ListQueueUseCase } from './application/list-queue.usecase';
import { OpenCaseUseCase } from './application/open-case.usecase';
import { RecordAgentDecisionUseCase } from './application/record-agent-decision.usecase';
import { RecordContactAttemptUseCase } from './application/record-contact-attempt.usecase';
import { RecordOrderEventUseCase } from './application/record-order-event.usecase';
import { ResolveCaseUseCase } from './application/resolve-case.usecase';
import { SlaReportUseCase } from './application/sla-report.usecase';
import { TimelineProjector } from './application/timeline.projector';
import { WithdrawAnsweredShortageCaseUseCase } from './application/withdraw-answered-shortage-case.usecase';
import { CustomerServiceServiceConfig } from './config';
import { SlaPolicy } from './domain/sla-policy';
import { CaseRepository } from './infrastructure/case.repository';
import { ContactAttemptRepository } from './infrastructure/contact-attempt.repository';
import { DatabaseModule } from './infrastructure/database.module';
import { OrderProjectionRepository } from './infrastructure/order-projection.repository';
import { SLA_SCHEDULER_OPTIONS, SlaBreachScheduler } from './infrastructure/sla-breach.scheduler';
import { SlaMetrics } from './infrastructure/sla-metrics';
import { SlaReportRepository } from './infrastructure/sla-report.repository';
import { TimelineRepository } from './infrastructure/timeline.repository';
import { DeliveryFailedHandler } from './messaging/delivery-failed.handler';
import { OrderHeldHandler } from './messaging/order-held.handler';
import { OrderHistoryHandler } from './messaging/order-history.handler';
import { ShortageAwaitingDecisionHandler } from './messaging/shortage-awaiting-decision.handler';
import { ShortageSettledHandler } from './messaging/shortage-settled.handler';

const USE_CASES = [
  AskForHumanUseCase,
  BreachOverdueCasesUseCase,
  WithdrawReachedShopperCasesUseCase,
  ClaimCaseUseCase,
  GetCaseViewUseCase,
  ListQueueUseCase,
  OpenCaseUseCase,
  RecordAgentDecisionUseCase,
  RecordContactAttemptUseCase,
  RecordOrderEventUseCase,
  ResolveCaseUseCase,
  SlaReportUseCase,
  WithdrawAnsweredShortageCaseUseCase,
];
const INFRASTRUCTURE = [CaseRepository, ContactAttemptRepository, OrderProjectionRepository, TimelineRepository, SlaReportRepository, SlaMetrics, SlaBreachScheduler];
const HANDLERS = [ShortageAwaitingDecisionHandler, ShortageSettledHandler, OrderHeldHandler, DeliveryFailedHandler, OrderHistoryHandler];

@Module({})
export class AppModule {
  static forRoot(config: CustomerServiceServiceConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PlatformModule.forRoot({ service: 'customer-service' }),
        DatabaseModule.forRoot(config.databaseUrl, config.databasePoolSize, config.databasePreparedStatements),
        MessagingModule.forService('customer-service', config.messaging),
        HealthModule.forRoot({ indicators: [DataSourceHealthIndicator, KafkaHealthIndicator] }),
      ],
      controllers: [CasesController, CaseActionsController, QueueController, ReportsController, ConsoleController],
      providers: [
        { provide: SlaPolicy, useValue: new SlaPolicy(config.slaSeconds) },
        { provide: SLA_SCHEDULER_OPTIONS, useValue: { pollMs: config.slaPollMs, batchSize: 100 } },
        { provide: APP_INTERCEPTOR, useClass: CaseErrorInterceptor },
        CaseEventPublisher,
        TimelineProjector,
        ...USE_CASES,
        ...INFRASTRUCTURE,
        ...HANDLERS,
      ],
    };
  }
}
