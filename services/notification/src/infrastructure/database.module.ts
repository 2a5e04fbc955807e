import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MESSAGING_MIGRATIONS } from '@askfirst/messaging';
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
          migrations: [...MESSAGING_MIGRATIONS, ...NOTIFICATION_MIGRATIONS],
          migrationsRun: true,
          migrationsTransactionMode: 'each',
          synchronize: false,
          logging: ['error'],
        }),
      ],
    };
  }
}
