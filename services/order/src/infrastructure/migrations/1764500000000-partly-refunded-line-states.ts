import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A line refunded only in part kept units that still ship, yet showed REFUND_PENDING_NOTICE /
 * REFUNDED as if all of it were refunded (ADR 0014). Rows stored that way get the partial states.
 */
export class PartlyRefundedLineStates1764500000000 implements MigrationInterface {
  name = 'PartlyRefundedLineStates1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      UPDATE order_lines SET state = CASE state WHEN 'REFUNDED' THEN 'PARTLY_REFUNDED' ELSE 'PARTIAL_REFUND_PENDING_NOTICE' END
       WHERE state IN ('REFUNDED', 'REFUND_PENDING_NOTICE') AND refunded_quantity < quantity`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      UPDATE order_lines SET state = CASE state WHEN 'PARTLY_REFUNDED' THEN 'REFUNDED' ELSE 'REFUND_PENDING_NOTICE' END
       WHERE state IN ('PARTLY_REFUNDED', 'PARTIAL_REFUND_PENDING_NOTICE')`);
  }
}
