import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MessagingTables1764115200000 } from '@askfirst/messaging';
import { NOTIFICATION_ENTITIES } from './entities';
import { NOTIFICATION_MIGRATIONS } from './migrations';

/** The notification service's own database; schema only through migrations, run at start. */
@Module({})
export class DatabaseModule {
  static forRoot(url: string, poolSize: number): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRoot({
          type: 'postgres',
          url,
          poolSize,
          entities: NOTIFICATION_ENTITIES,
          migrations: [MessagingTables1764115200000, ...NOTIFICATION_MIGRATIONS],
          migrationsRun: true,
          migrationsTransactionMode: 'each',
          synchronize: false,
          logging: ['error'],
        }),
      ],
    };
  }
}
