import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The outbox is a queue: every published row leaves a dead index entry behind. PostgreSQL's default
 * (vacuum once a fifth of the table is dead) lets thousands pile up in front of the relay's index
 * scan, and the table keeps a day of published rows, so a fifth is a lot. Vacuum it after a fixed
 * number of dead rows instead, without throttling. Same for the inbox, which only grows and is pruned.
 */
export class OutboxVacuum1764700000000 implements MigrationInterface {
  name = 'OutboxVacuum1764700000000';

  async up(q: QueryRunner): Promise<void> {
    for (const table of ['outbox_messages', 'inbox_messages']) {
      await q.query(`ALTER TABLE ${table} SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 2000, autovacuum_vacuum_cost_delay = 0)`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['outbox_messages', 'inbox_messages']) {
      await q.query(`ALTER TABLE ${table} RESET (autovacuum_vacuum_scale_factor, autovacuum_vacuum_threshold, autovacuum_vacuum_cost_delay)`);
    }
  }
}
