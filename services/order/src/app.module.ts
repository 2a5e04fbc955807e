import { DynamicModule, Module } from '@nestjs/common';
import { KafkaHealthIndicator, MessagingModule } from '@askfirst/messaging';
import { DataSourceHealthIndicator, HealthModule, PlatformModule } from '@askfirst/platform';
import { FulfilmentController } from './api/fulfilment.controller';
import { OrderDecisionsController } from './api/order-decisions.controller';
import { ORDER_ADMISSION_LIMIT, OrderAdmissionGuard } from './api/order-admission.guard';
import { OrdersController } from './api/orders.controller';
import { DECISION_RATE_LIMIT, ShopperRateLimit } from './api/shopper-rate-limit';
import { AdvanceFulfilmentUseCase } from './application/advance-fulfilment.usecase';
import { ApplyAgentDecisionUseCase } from './application/apply-agent-decision.usecase';
import { ApplyDeadlineFallbackUseCase } from './application/apply-deadline-fallback.usecase';
import { CancelOrderUseCase } from './application/cancel-order.usecase';
import { ConfirmReservationUseCase } from './application/confirm-reservation.usecase';
import { FillBackorderUseCase } from './application/fill-backorder.usecase';
import { GetOrderUseCase } from './application/get-order.usecase';
import { ListOrdersUseCase } from './application/list-orders.usecase';
import { ORDER_RULES } from './application/order-rules.token';
import { OrderUnitOfWork } from './application/order-unit-of-work';
import { PlaceOrderUseCase } from './application/place-order.usecase';
import { RecordOrderFactUseCase } from './application/record-order-fact.usecase';
import { RecordShopperDecisionUseCase } from './application/record-shopper-decision.usecase';
import { ReportShortageUseCase } from './application/report-shortage.usecase';
import { RequestNoticedRefundsUseCase } from './application/request-noticed-refunds.usecase';
import { SubstituteReservedUseCase } from './application/substitute-reserved.usecase';
import { SubstituteUnavailableUseCase } from './application/substitute-unavailable.usecase';
import { OrderServiceConfig } from './config';
import { DatabaseModule } from './infrastructure/database.module';
import { DEADLINE_POLL_MS, DecisionDeadlinePoller } from './infrastructure/decision-deadline.poller';
import { IdempotencyKeyRepository } from './infrastructure/idempotency-key.repository';
import { OrderRepository } from './infrastructure/order.repository';
import { RECENT_ORDERS, RecentOrders } from './infrastructure/recent-orders';
import { OrdersBeingReserved } from './infrastructure/orders-being-reserved';
import { TimelineRepository } from './infrastructure/timeline.repository';
import { CustomerServiceEventsHandler } from './messaging/customer-service-events.handler';
import { InventoryEventsHandler } from './messaging/inventory-events.handler';
import { NotificationEventsHandler } from './messaging/notification-events.handler';

const USE_CASES = [
  PlaceOrderUseCase, GetOrderUseCase, ListOrdersUseCase, RecordShopperDecisionUseCase, CancelOrderUseCase, AdvanceFulfilmentUseCase,
  ConfirmReservationUseCase, ReportShortageUseCase, SubstituteReservedUseCase, SubstituteUnavailableUseCase, FillBackorderUseCase,
  RequestNoticedRefundsUseCase, ApplyAgentDecisionUseCase, RecordOrderFactUseCase, ApplyDeadlineFallbackUseCase,
];

@Module({})
export class AppModule {
  static forRoot(config: OrderServiceConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PlatformModule.forRoot({ service: 'order' }),
        DatabaseModule.forRoot(config.databaseUrl, config.databasePoolSize, config.databasePreparedStatements),
        MessagingModule.forService('order', config.messaging),
        HealthModule.forRoot({ indicators: [DataSourceHealthIndicator, KafkaHealthIndicator] }),
      ],
      controllers: [OrdersController, OrderDecisionsController, FulfilmentController],
      providers: [
        { provide: ORDER_RULES, useValue: config.rules },
        { provide: RECENT_ORDERS, useValue: new RecentOrders(config.recentOrders) },
        { provide: DEADLINE_POLL_MS, useValue: config.deadlinePollMs },
        { provide: DECISION_RATE_LIMIT, useValue: config.decisionRateLimitPerMinute },
        { provide: ORDER_ADMISSION_LIMIT, useValue: config.admissionLimit },
        OrdersBeingReserved, OrderAdmissionGuard,
        OrderRepository, TimelineRepository, IdempotencyKeyRepository, OrderUnitOfWork,
        ...USE_CASES,
        InventoryEventsHandler, NotificationEventsHandler, CustomerServiceEventsHandler,
        DecisionDeadlinePoller,
        ShopperRateLimit,
      ],
    };
  }
}
