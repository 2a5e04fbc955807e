import { MigrationInterface, QueryRunner } from 'typeorm';

/** Cases with their SLA clocks, contact attempts, and the projections built from other services' events. */
export class CaseTables1764460800000 implements MigrationInterface {
  name = 'CaseTables1764460800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE cases (
        id                 uuid PRIMARY KEY,
        order_id           text NOT NULL,
        shopper_id         text NOT NULL,
        type               text NOT NULL,
        status             text NOT NULL,
        queue              text NOT NULL,
        priority           int  NOT NULL,
        subject            text,
        opened_at          timestamptz NOT NULL,
        sla_due_at         timestamptz NOT NULL,
        first_contact_at   timestamptz,
        breached_at        timestamptz,
        agent_id           text,
        claimed_at         timestamptz,
        resolved_at        timestamptz,
        resolution_summary text,
        decision           jsonb,
        version            int NOT NULL DEFAULT 0
      )`);
    // One open case per (order, type): a second ask finds the first.
    await q.query(`CREATE UNIQUE INDEX cases_one_open_per_order_type ON cases (order_id, type) WHERE status <> 'RESOLVED'`);
    // What the SLA scheduler polls; stays small because stopped clocks leave it.
    await q.query(`CREATE INDEX cases_sla_running ON cases (sla_due_at) WHERE first_contact_at IS NULL AND breached_at IS NULL AND status <> 'RESOLVED'`);
    await q.query(`CREATE INDEX cases_queue ON cases (queue, sla_due_at) WHERE status <> 'RESOLVED'`);
    await q.query(`CREATE INDEX cases_opened_at ON cases (opened_at)`);
    await q.query(`CREATE INDEX cases_shopper ON cases (shopper_id)`);
    await q.query(`
      CREATE TABLE contact_attempts (
        id        uuid PRIMARY KEY,
        case_id   uuid NOT NULL REFERENCES cases (id),
        agent_id  text NOT NULL,
        outcome   text NOT NULL,
        note      text,
        at        timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX contact_attempts_case ON contact_attempts (case_id, at)`);
    await q.query(`
      CREATE TABLE order_projections (
        order_id         text PRIMARY KEY,
        shopper_id       text NOT NULL,
        store_id         text,
        placed_at        timestamptz,
        lines            jsonb NOT NULL DEFAULT '[]'::jsonb,
        pending_shortage jsonb,
        updated_at       timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE order_timeline (
        event_id      uuid PRIMARY KEY,
        order_id      text NOT NULL,
        type          text NOT NULL,
        source        text NOT NULL,
        occurred_at   timestamptz NOT NULL,
        summary       text NOT NULL,
        detail        jsonb NOT NULL DEFAULT '{}'::jsonb,
        internal_note text,
        recorded_at   timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX order_timeline_order ON order_timeline (order_id, occurred_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE order_timeline`);
    await q.query(`DROP TABLE order_projections`);
    await q.query(`DROP TABLE contact_attempts`);
    await q.query(`DROP TABLE cases`);
  }
}
