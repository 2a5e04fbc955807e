import { MigrationInterface, QueryRunner } from 'typeorm';

/** Keeps the admission check's count of orders still being reserved cheap, however many orders exist. */
export class OrdersBeingReservedIndex1764600000000 implements MigrationInterface {
  name = 'OrdersBeingReservedIndex1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX orders_being_reserved ON orders (placed_at) WHERE state IN ('PLACED', 'RESERVING')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX orders_being_reserved`);
  }
}
