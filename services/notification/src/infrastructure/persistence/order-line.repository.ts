import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { deferStatement } from '@askfirst/platform';

export interface KnownLine {
  lineId: string;
  orderId: string;
  sku: string;
  name: string;
  quantity: number;
  noAnswerMinutes: number | null;
}

interface LineRow {
  line_id: string;
  order_id: string;
  sku: string;
  name: string;
  quantity: number;
  no_answer_minutes: number | null;
}

/**
 * A small read model of order.placed: line names and the shopper's "no answer" window.
 * Plain SQL: written once per order.placed and read per notice, where TypeORM's query building costs more than the query.
 */
@Injectable()
export class OrderLineRepository {
  async record(manager: EntityManager, lines: KnownLine[]): Promise<void> {
    if (!lines.length) return;
    const params: unknown[] = [];
    const rows = lines.map((l) => {
      const b = params.length;
      params.push(l.lineId, l.orderId, l.sku, l.name, l.quantity, l.noAnswerMinutes);
      return `($${b + 1}, $${b + 2}, $${b + 3}, $${b + 4}, $${b + 5}, $${b + 6})`;
    });
    // Nothing waits for it: it travels with the transaction's next statement (often the COMMIT).
    await deferStatement(manager, `INSERT INTO order_lines (line_id, order_id, sku, name, quantity, no_answer_minutes) VALUES ${rows.join(', ')} ON CONFLICT DO NOTHING`, params);
  }

  async byOrder(manager: EntityManager, orderId: string): Promise<KnownLine[]> {
    const rows = (await manager.query(`SELECT line_id, order_id, sku, name, quantity, no_answer_minutes FROM order_lines WHERE order_id = $1`, [orderId])) as LineRow[];
    return rows.map((r) => ({ lineId: r.line_id, orderId: r.order_id, sku: r.sku, name: r.name, quantity: r.quantity, noAnswerMinutes: r.no_answer_minutes }));
  }
}
