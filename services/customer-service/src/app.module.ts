import { DynamicModule, Module } from '@nestjs/common';
import { KafkaHealthIndicator, MessagingModule } from '@askfirst/messaging';
import { DataSourceHealthIndicator, HealthModule, PlatformModule } from '@askfirst/platform';
import { CustomerServiceServiceConfig } from './config';
import { DatabaseModule } from './infrastructure/database.module';

@Module({})
export class AppModule {
  static forRoot(config: CustomerServiceServiceConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PlatformModule.forRoot({ service: 'customer-service' }),
        DatabaseModule.forRoot(config.databaseUrl, config.databasePoolSize),
        MessagingModule.forService('customer-service', config.messaging),
        HealthModule.forRoot({ indicators: [DataSourceHealthIndicator, KafkaHealthIndicator] }),
      ],
    };
  }
}
