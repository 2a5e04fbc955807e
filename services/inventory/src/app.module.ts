import { DynamicModule, Module } from '@nestjs/common';
import { KafkaHealthIndicator, MessagingModule } from '@askfirst/messaging';
import { DataSourceHealthIndicator, HealthModule, PlatformModule } from '@askfirst/platform';
import { InventoryServiceConfig } from './config';
import { DatabaseModule } from './infrastructure/database.module';

@Module({})
export class AppModule {
  static forRoot(config: InventoryServiceConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PlatformModule.forRoot({ service: 'inventory' }),
        DatabaseModule.forRoot(config.databaseUrl, config.databasePoolSize),
        MessagingModule.forService('inventory', config.messaging),
        HealthModule.forRoot({ indicators: [DataSourceHealthIndicator, KafkaHealthIndicator] }),
      ],
    };
  }
}
