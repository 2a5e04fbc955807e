import { DynamicModule, Module } from '@nestjs/common';
import { KafkaHealthIndicator, MessagingModule } from '@askfirst/messaging';
import { DataSourceHealthIndicator, HealthModule, PlatformModule } from '@askfirst/platform';
import { NotificationServiceConfig } from './config';
import { DatabaseModule } from './infrastructure/database.module';

@Module({})
export class AppModule {
  static forRoot(config: NotificationServiceConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PlatformModule.forRoot({ service: 'notification' }),
        DatabaseModule.forRoot(config.databaseUrl, config.databasePoolSize),
        MessagingModule.forService('notification', config.messaging),
        HealthModule.forRoot({ indicators: [DataSourceHealthIndicator, KafkaHealthIndicator] }),
      ],
    };
  }
}
