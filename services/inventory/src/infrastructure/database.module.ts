import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MESSAGING_MIGRATIONS } from '@askfirst/messaging';
import { INVENTORY_ENTITIES } from './entities';
import { INVENTORY_MIGRATIONS } from './migrations';

/** The inventory service's own database; schema only through migrations, run at start. */
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
          entities: INVENTORY_ENTITIES,
          migrations: [...MESSAGING_MIGRATIONS, ...INVENTORY_MIGRATIONS],
          migrationsRun: true,
          migrationsTransactionMode: 'each',
          synchronize: false,
          logging: ['error'],
        }),
      ],
    };
  }
}
