import { MigrationInterface, QueryRunner } from 'typeorm';

/** Notices, their delivery attempts, shopper channel settings, order line names, decision links. */
export class NotificationTables1764201600000 implements MigrationInterface {
  name = 'NotificationTables1764201600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE notices (
        id               uuid PRIMARY KEY,
        cause_event_id   uuid NOT NULL,
        cause_type       text NOT NULL,
        order_id         text NOT NULL,
        shopper_id       text NOT NULL,
        correlation_id   text NOT NULL,
        kind             text NOT NULL,
        subject          text NOT NULL,
        paragraphs       jsonb NOT NULL,
        action_label     text,
        action_url       text,
        refund_ids       uuid[] NOT NULL DEFAULT '{}',
        status           text NOT NULL CHECK (status IN ('PENDING', 'SENT', 'DELIVERED', 'FAILED')),
        rounds           integer NOT NULL DEFAULT 0,
        attempt_count    integer NOT NULL DEFAULT 0,
        next_attempt_at  timestamptz,
        reached_channels text[] NOT NULL DEFAULT '{}',
        last_error       text,
        notified_at      timestamptz,
        failed_at        timestamptz,
        created_at       timestamptz NOT NULL,
        version          integer NOT NULL DEFAULT 0,
        CONSTRAINT notices_one_per_cause UNIQUE (cause_event_id)
      )`);
    await q.query(`CREATE INDEX notices_by_shopper ON notices (shopper_id, created_at DESC)`);
    await q.query(`CREATE INDEX notices_by_order ON notices (order_id, created_at)`);
    await q.query(`CREATE INDEX notices_due ON notices (next_attempt_at) WHERE next_attempt_at IS NOT NULL`);

    await q.query(`
      CREATE TABLE delivery_attempts (
        id          uuid PRIMARY KEY,
        notice_id   uuid NOT NULL REFERENCES notices (id) ON DELETE CASCADE,
        channel     text NOT NULL,
        round       integer NOT NULL,
        status      text NOT NULL CHECK (status IN ('PENDING', 'SENT', 'DELIVERED', 'FAILED')),
        error       text,
        started_at  timestamptz NOT NULL,
        finished_at timestamptz
      )`);
    await q.query(`CREATE INDEX delivery_attempts_by_notice ON delivery_attempts (notice_id, started_at)`);

    await q.query(`
      CREATE TABLE channel_settings (
        shopper_id    text PRIMARY KEY,
        email         text,
        phone         text,
        webhook_url   text,
        channel_order text[] NOT NULL,
        updated_at    timestamptz NOT NULL
      )`);

    await q.query(`
      CREATE TABLE order_lines (
        line_id           uuid PRIMARY KEY,
        order_id          text NOT NULL,
        sku               text NOT NULL,
        name              text NOT NULL,
        quantity          integer NOT NULL,
        no_answer_minutes integer
      )`);
    await q.query(`CREATE INDEX order_lines_by_order ON order_lines (order_id)`);

    await q.query(`
      CREATE TABLE decision_links (
        id         uuid PRIMARY KEY,
        notice_id  uuid NOT NULL UNIQUE REFERENCES notices (id) ON DELETE CASCADE,
        order_id   text NOT NULL,
        shopper_id text NOT NULL,
        offer      jsonb NOT NULL,
        expires_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE used_decision_links (
        link_id uuid PRIMARY KEY REFERENCES decision_links (id) ON DELETE CASCADE,
        used_at timestamptz NOT NULL,
        choice  text NOT NULL,
        outcome text NOT NULL CHECK (outcome IN ('ACCEPTED', 'TOO_LATE'))
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['used_decision_links', 'decision_links', 'order_lines', 'channel_settings', 'delivery_attempts', 'notices']) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
