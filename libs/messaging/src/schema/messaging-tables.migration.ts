import { MigrationInterface, QueryRunner } from 'typeorm';

/** Outbox and inbox tables; every service lists this migration before its own. */
export class MessagingTables1764115200000 implements MigrationInterface {
  name = 'MessagingTables1764115200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE outbox_messages (
        seq          bigserial PRIMARY KEY,
        event_id     uuid NOT NULL UNIQUE,
        topic        text NOT NULL,
        message_key  text NOT NULL,
        event_type   text NOT NULL,
        payload      text NOT NULL,
        headers      jsonb NOT NULL DEFAULT '{}'::jsonb,
        created_at   timestamptz NOT NULL DEFAULT now(),
        published_at timestamptz
      )`);
    await q.query(`CREATE INDEX outbox_messages_unpublished ON outbox_messages (seq) WHERE published_at IS NULL`);
    await q.query(`CREATE INDEX outbox_messages_published_at ON outbox_messages (published_at) WHERE published_at IS NOT NULL`);
    await q.query(`
      CREATE TABLE inbox_messages (
        consumer     text NOT NULL,
        event_id     uuid NOT NULL,
        event_type   text NOT NULL,
        processed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (consumer, event_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE inbox_messages`);
    await q.query(`DROP TABLE outbox_messages`);
  }
}
