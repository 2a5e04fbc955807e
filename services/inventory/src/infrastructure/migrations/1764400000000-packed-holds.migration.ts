import { MigrationInterface, QueryRunner } from 'typeorm';

/** Held units packed for the courier (order.ready): a count of the shelf cannot take them. */
export class PackedHolds1764400000000 implements MigrationInterface {
  name = 'PackedHolds1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE reservation_lines ADD COLUMN quantity_packed integer NOT NULL DEFAULT 0
        CHECK (quantity_packed >= 0 AND quantity_packed <= quantity_held)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE reservation_lines DROP COLUMN quantity_packed`);
  }
}
