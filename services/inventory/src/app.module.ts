import { DynamicModule, Module } from '@nestjs/common';
import { KafkaHealthIndicator, MessagingModule } from '@askfirst/messaging';
import { DataSourceHealthIndicator, HealthModule, PlatformModule } from '@askfirst/platform';
import { ReservationController } from './api/reservation.controller';
import { StockController } from './api/stock.controller';
import { BackorderFiller } from './application/backorder-filler.service';
import { CommitOrderUseCase } from './application/commit-order.usecase';
import { GetOrderReservationUseCase } from './application/get-order-reservation.usecase';
import { GetStockLevelsUseCase } from './application/get-stock-levels.usecase';
import { PackOrderUseCase } from './application/pack-order.usecase';
import { QueueBackorderUseCase } from './application/queue-backorder.usecase';
import { RecordAdjustmentUseCase } from './application/record-adjustment.usecase';
import { ReleaseOrderUseCase } from './application/release-order.usecase';
import { ReleaseRefundedLineUseCase } from './application/release-refunded-line.usecase';
import { ReserveOrderUseCase } from './application/reserve-order.usecase';
import { ReserveSubstituteUseCase } from './application/reserve-substitute.usecase';
import { RestockUseCase } from './application/restock.usecase';
import { ShortageReporter } from './application/shortage-reporter.service';
import { SuggestSubstitutesUseCase } from './application/suggest-substitutes.usecase';
import { UpsertStockItemUseCase } from './application/upsert-stock-item.usecase';
import { InventoryServiceConfig } from './config';
import { BackorderRepository } from './infrastructure/backorder.repository';
import { DatabaseModule } from './infrastructure/database.module';
import { OrderStockLocker } from './infrastructure/order-stock.locker';
import { ReservationRepository } from './infrastructure/reservation.repository';
import { StockAdjustmentRepository } from './infrastructure/stock-adjustment.repository';
import { StockItemRepository } from './infrastructure/stock-item.repository';
import { LineBackorderedHandler } from './messaging/line-backordered.handler';
import { LineRefundApprovedHandler } from './messaging/line-refund-approved.handler';
import { OrderCancelledHandler } from './messaging/order-cancelled.handler';
import { OrderDispatchedHandler } from './messaging/order-dispatched.handler';
import { OrderPlacedHandler } from './messaging/order-placed.handler';
import { OrderReadyHandler } from './messaging/order-ready.handler';
import { SubstitutionRequestedHandler } from './messaging/substitution-requested.handler';

const repositories = [StockItemRepository, ReservationRepository, BackorderRepository, StockAdjustmentRepository, OrderStockLocker];
const useCases = [
  ReserveOrderUseCase, ReleaseOrderUseCase, ReleaseRefundedLineUseCase, ReserveSubstituteUseCase, QueueBackorderUseCase, PackOrderUseCase, CommitOrderUseCase,
  UpsertStockItemUseCase, RestockUseCase, RecordAdjustmentUseCase, GetStockLevelsUseCase, SuggestSubstitutesUseCase, GetOrderReservationUseCase,
  ShortageReporter, BackorderFiller,
];
const handlers = [
  OrderPlacedHandler, OrderCancelledHandler, LineRefundApprovedHandler, SubstitutionRequestedHandler, LineBackorderedHandler, OrderReadyHandler,
  OrderDispatchedHandler,
];

@Module({})
export class AppModule {
  static forRoot(config: InventoryServiceConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PlatformModule.forRoot({ service: 'inventory' }),
        DatabaseModule.forRoot(config.databaseUrl, config.databasePoolSize, config.databasePreparedStatements),
        MessagingModule.forService('inventory', config.messaging),
        HealthModule.forRoot({ indicators: [DataSourceHealthIndicator, KafkaHealthIndicator] }),
      ],
      controllers: [StockController, ReservationController],
      providers: [...repositories, ...useCases, ...handlers],
    };
  }
}
