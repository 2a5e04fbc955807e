import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MESSAGING_MIGRATIONS } from '@askfirst/messaging';
import { CUSTOMER_SERVICE_ENTITIES } from './entities';
import { CUSTOMER_SERVICE_MIGRATIONS } from './migrations';

/** The customer-service service's own database; schema only through migrations, run at start. */
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
          entities: CUSTOMER_SERVICE_ENTITIES,
          migrations: [...MESSAGING_MIGRATIONS, ...CUSTOMER_SERVICE_MIGRATIONS],
          migrationsRun: true,
          migrationsTransactionMode: 'each',
          synchronize: false,
          logging: ['error'],
        }),
      ],
    };
  }
}
