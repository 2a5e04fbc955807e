import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each line waiting for the shopper keeps its own CONTACT_ME deadline (orders.decision_deadline is
 * now the earliest of them, for the poller), and a fallback decision records why it applied.
 */
export class LineDeadlinesAndFallbackReasons1764400000000 implements MigrationInterface {
  name = 'LineDeadlinesAndFallbackReasons1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE order_lines ADD COLUMN decision_deadline timestamptz`);
    // Lines already waiting had the order's deadline: they keep exactly that one.
    await q.query(`
      UPDATE order_lines l SET decision_deadline = o.decision_deadline
        FROM orders o
       WHERE o.id = l.order_id AND o.state = 'AWAITING_SHOPPER_DECISION' AND l.state = 'SHORT' AND l.waiting_for = 'SHOPPER'`);
    await q.query(`
      ALTER TABLE order_decisions ADD COLUMN fallback_reason text
        CHECK (fallback_reason IS NULL OR (fallback_reason IN ('NO_ANSWER', 'SUBSTITUTE_UNAVAILABLE') AND source = 'SHOPPER_PRESET_FALLBACK'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE order_decisions DROP COLUMN fallback_reason`);
    await q.query(`ALTER TABLE order_lines DROP COLUMN decision_deadline`);
  }
}
