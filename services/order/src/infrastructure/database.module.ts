import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { preparedStatementClient } from '@askfirst/platform';
import { MESSAGING_MIGRATIONS } from '@askfirst/messaging';
import { ORDER_ENTITIES } from './entities';
import { ORDER_MIGRATIONS } from './migrations';

/** The order service's own database; schema only through migrations, run at start. */
@Module({})
export class DatabaseModule {
  /** `preparedStatements`: parameterised statements are prepared once per connection (DATABASE_PREPARED_STATEMENTS). */
  static forRoot(url: string, poolSize: number, preparedStatements = true): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRoot({
          type: 'postgres',
          url,
          poolSize,
          ...(preparedStatements && { extra: { Client: preparedStatementClient() } }),
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
