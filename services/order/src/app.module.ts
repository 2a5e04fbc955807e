import { DynamicModule, Module } from '@nestjs/common';
import { KafkaHealthIndicator, MessagingModule } from '@askfirst/messaging';
import { DataSourceHealthIndicator, HealthModule, PlatformModule } from '@askfirst/platform';
import { OrderServiceConfig } from './config';
import { DatabaseModule } from './infrastructure/database.module';

@Module({})
export class AppModule {
  static forRoot(config: OrderServiceConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PlatformModule.forRoot({ service: 'order' }),
        DatabaseModule.forRoot(config.databaseUrl, config.databasePoolSize),
        MessagingModule.forService('order', config.messaging),
        HealthModule.forRoot({ indicators: [DataSourceHealthIndicator, KafkaHealthIndicator] }),
      ],
    };
  }
}
