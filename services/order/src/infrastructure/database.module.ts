import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MESSAGING_MIGRATIONS } from '@askfirst/messaging';
import { ORDER_ENTITIES } from './entities';
import { ORDER_MIGRATIONS } from './migrations';

/** The order service's own database; schema only through migrations, run at start. */
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
          entities: ORDER_ENTITIES,
          migrations: [...MESSAGING_MIGRATIONS, ...ORDER_MIGRATIONS],
          migrationsRun: true,
          migrationsTransactionMode: 'each',
          synchronize: false,
          logging: ['error'],
        }),
      ],
    };
  }
}
