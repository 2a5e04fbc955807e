import { MigrationInterface, QueryRunner } from 'typeorm';

/** Stock per store, reservations per order, back-orders and the adjustment log. */
export class InventorySchema1764201600000 implements MigrationInterface {
  name = 'InventorySchema1764201600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE stock_items (
        store_id          text NOT NULL,
        sku               text NOT NULL,
        name              text NOT NULL,
        category          text NOT NULL,
        unit_price_cents  integer NOT NULL CHECK (unit_price_cents >= 0),
        on_hand           integer NOT NULL,
        reserved          integer NOT NULL DEFAULT 0,
        restock_eta       timestamptz,
        created_at        timestamptz NOT NULL DEFAULT now(),
        updated_at        timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (store_id, sku),
        -- I3, structurally: whatever the code does, the database never stores an oversell.
        CONSTRAINT stock_items_no_oversell CHECK (reserved >= 0 AND reserved <= on_hand AND on_hand >= 0)
      )`);
    await q.query(`CREATE INDEX stock_items_by_category ON stock_items (store_id, category)`);

    await q.query(`
      CREATE TABLE reservations (
        order_id    uuid PRIMARY KEY,
        seq         bigserial NOT NULL UNIQUE,
        store_id    text NOT NULL,
        shopper_id  text NOT NULL,
        status      text NOT NULL CHECK (status IN ('HELD', 'RELEASED', 'COMMITTED')),
        created_at  timestamptz NOT NULL DEFAULT now(),
        updated_at  timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE reservation_lines (
        order_id            uuid NOT NULL REFERENCES reservations (order_id) ON DELETE CASCADE,
        line_id             uuid NOT NULL,
        sku                 text NOT NULL,
        position            integer NOT NULL,
        substitute_for      text,
        quantity_wanted     integer NOT NULL CHECK (quantity_wanted >= 0),
        quantity_held       integer NOT NULL CHECK (quantity_held >= 0 AND quantity_held <= quantity_wanted),
        quantity_committed  integer NOT NULL DEFAULT 0 CHECK (quantity_committed >= 0),
        PRIMARY KEY (order_id, line_id, sku)
      )`);
    await q.query(`CREATE INDEX reservation_lines_holding ON reservation_lines (sku) WHERE quantity_held > 0`);

    await q.query(`
      CREATE TABLE backorders (
        id               uuid PRIMARY KEY,
        seq              bigserial NOT NULL UNIQUE,
        order_id         uuid NOT NULL REFERENCES reservations (order_id) ON DELETE CASCADE,
        line_id          uuid NOT NULL,
        store_id         text NOT NULL,
        sku              text NOT NULL,
        quantity         integer NOT NULL CHECK (quantity > 0),
        quantity_filled  integer NOT NULL DEFAULT 0 CHECK (quantity_filled >= 0 AND quantity_filled <= quantity),
        status           text NOT NULL CHECK (status IN ('WAITING', 'FILLED', 'CANCELLED')),
        queued_at        timestamptz NOT NULL DEFAULT now(),
        closed_at        timestamptz
      )`);
    await q.query(`CREATE INDEX backorders_waiting ON backorders (store_id, sku, seq) WHERE status = 'WAITING'`);
    await q.query(`CREATE INDEX backorders_by_order ON backorders (order_id)`);

    await q.query(`
      CREATE TABLE stock_adjustments (
        id              bigserial PRIMARY KEY,
        store_id        text NOT NULL,
        sku             text NOT NULL,
        reason          text NOT NULL,
        delta           integer NOT NULL,
        on_hand_after   integer NOT NULL,
        reserved_after  integer NOT NULL,
        order_id        uuid,
        actor           text NOT NULL,
        recorded_at     timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX stock_adjustments_by_sku ON stock_adjustments (store_id, sku, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE stock_adjustments`);
    await q.query(`DROP TABLE backorders`);
    await q.query(`DROP TABLE reservation_lines`);
    await q.query(`DROP TABLE reservations`);
    await q.query(`DROP TABLE stock_items`);
  }
}
