import { MigrationInterface, QueryRunner } from 'typeorm';

/** Orders with their lines, decisions, refunds, timeline and idempotency keys. */
export class OrderTables1764300000000 implements MigrationInterface {
  name = 'OrderTables1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE orders (
        id                uuid PRIMARY KEY,
        shopper_id        text NOT NULL,
        store_id          text NOT NULL,
        currency          char(3) NOT NULL,
        state             text NOT NULL,
        resume_state      text,
        policy            jsonb NOT NULL,
        decision_deadline timestamptz,
        hold_review_by    timestamptz,
        shortage_stage    text,
        correlation_id    text NOT NULL,
        placed_at         timestamptz NOT NULL,
        updated_at        timestamptz NOT NULL,
        version           integer NOT NULL
      )`);
    // The deadline poller's query: due rows of waiting orders only, so the index stays small.
    await q.query(`CREATE INDEX orders_decision_deadline ON orders (decision_deadline) WHERE state = 'AWAITING_SHOPPER_DECISION'`);
    await q.query(`CREATE INDEX orders_shopper_recent ON orders (shopper_id, placed_at DESC, id DESC)`);
    await q.query(`
      CREATE TABLE order_lines (
        id                  uuid PRIMARY KEY,
        order_id            uuid NOT NULL REFERENCES orders (id),
        position            integer NOT NULL,
        sku                 text NOT NULL,
        name                text NOT NULL,
        quantity            integer NOT NULL CHECK (quantity > 0),
        unit_price_cents    integer NOT NULL CHECK (unit_price_cents >= 0),
        policy              jsonb NOT NULL,
        state               text NOT NULL,
        short_quantity      integer NOT NULL DEFAULT 0,
        refunded_quantity   integer NOT NULL DEFAULT 0 CHECK (refunded_quantity <= quantity),
        waiting_for         text,
        pending_decision_id uuid,
        shortage            jsonb,
        substitute          jsonb
      )`);
    await q.query(`CREATE INDEX order_lines_order ON order_lines (order_id, position)`);
    await q.query(`
      CREATE TABLE order_decisions (
        id             uuid PRIMARY KEY,
        order_id       uuid NOT NULL REFERENCES orders (id),
        source         text NOT NULL CHECK (source IN ('SHOPPER_PRESET', 'SHOPPER', 'AGENT_FOR_SHOPPER', 'SHOPPER_PRESET_FALLBACK')),
        resolution     text NOT NULL,
        line_ids       uuid[] NOT NULL,
        substitute_sku text,
        decided_at     timestamptz NOT NULL,
        decided_by     text,
        case_id        uuid
      )`);
    await q.query(`CREATE INDEX order_decisions_order ON order_decisions (order_id, decided_at)`);
    await q.query(`
      CREATE TABLE order_refunds (
        id           uuid PRIMARY KEY,
        order_id     uuid NOT NULL REFERENCES orders (id),
        decision_id  uuid NOT NULL REFERENCES order_decisions (id),
        status       text NOT NULL,
        reason       text NOT NULL,
        amount_cents integer NOT NULL CHECK (amount_cents >= 0),
        lines        jsonb NOT NULL,
        approved_at  timestamptz NOT NULL,
        requested_at timestamptz,
        notice_id    uuid
      )`);
    await q.query(`CREATE INDEX order_refunds_order ON order_refunds (order_id, approved_at)`);
    await q.query(`
      CREATE TABLE order_timeline (
        seq        bigserial PRIMARY KEY,
        order_id   uuid NOT NULL,
        at         timestamptz NOT NULL DEFAULT now(),
        kind       text NOT NULL,
        event_type text,
        event_id   uuid,
        summary    text NOT NULL,
        data       jsonb
      )`);
    await q.query(`CREATE INDEX order_timeline_order ON order_timeline (order_id, seq)`);
    // The key is claimed before the order row exists (a concurrent retry waits on it), hence deferred.
    await q.query(`
      CREATE TABLE order_idempotency_keys (
        shopper_id   text NOT NULL,
        key          text NOT NULL,
        request_hash text NOT NULL,
        order_id     uuid NOT NULL REFERENCES orders (id) DEFERRABLE INITIALLY DEFERRED,
        created_at   timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (shopper_id, key)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['order_idempotency_keys', 'order_timeline', 'order_refunds', 'order_decisions', 'order_lines', 'orders']) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
