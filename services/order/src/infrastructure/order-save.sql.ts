import { OrderDecisionEntity } from './order-decision.entity';
import { OrderLineEntity } from './order-line.entity';
import { OrderRefundEntity } from './order-refund.entity';
import { OrderEntity } from './order.entity';

/** A column: its name, the SQL type its parameter is cast to, and its value in a row. */
type Column<R> = [name: string, type: string, value: (row: R) => unknown];

/** jsonb parameters go as JSON text; an absent value is SQL NULL, as TypeORM wrote it. */
const json = (value: unknown): string | null => (value === null || value === undefined ? null : JSON.stringify(value));

// currency is char(3): cast as text so a longer value fails on assignment instead of being truncated by the cast.
const ORDER: Column<OrderEntity>[] = [
  ['id', 'uuid', (o) => o.id], ['shopper_id', 'text', (o) => o.shopperId], ['store_id', 'text', (o) => o.storeId],
  ['currency', 'text', (o) => o.currency], ['state', 'text', (o) => o.state], ['resume_state', 'text', (o) => o.resumeState],
  ['policy', 'jsonb', (o) => json(o.policy)], ['decision_deadline', 'timestamptz', (o) => o.decisionDeadline],
  ['hold_review_by', 'timestamptz', (o) => o.holdReviewBy], ['shortage_stage', 'text', (o) => o.shortageStage],
  ['correlation_id', 'text', (o) => o.correlationId], ['placed_at', 'timestamptz', (o) => o.placedAt],
  ['updated_at', 'timestamptz', (o) => o.updatedAt], ['version', 'integer', (o) => o.version],
];

const LINE: Column<OrderLineEntity>[] = [
  ['id', 'uuid', (l) => l.id], ['order_id', 'uuid', (l) => l.orderId], ['position', 'integer', (l) => l.position],
  ['sku', 'text', (l) => l.sku], ['name', 'text', (l) => l.name], ['quantity', 'integer', (l) => l.quantity],
  ['unit_price_cents', 'integer', (l) => l.unitPriceCents], ['policy', 'jsonb', (l) => json(l.policy)], ['state', 'text', (l) => l.state],
  ['short_quantity', 'integer', (l) => l.shortQuantity], ['refunded_quantity', 'integer', (l) => l.refundedQuantity],
  ['waiting_for', 'text', (l) => l.waitingFor], ['decision_deadline', 'timestamptz', (l) => l.decisionDeadline],
  ['pending_decision_id', 'uuid', (l) => l.pendingDecisionId], ['shortage', 'jsonb', (l) => json(l.shortage)],
  ['substitute', 'jsonb', (l) => json(l.substitute)],
];

const DECISION: Column<OrderDecisionEntity>[] = [
  ['id', 'uuid', (d) => d.id], ['order_id', 'uuid', (d) => d.orderId], ['source', 'text', (d) => d.source],
  ['resolution', 'text', (d) => d.resolution], ['line_ids', 'uuid[]', (d) => d.lineIds], ['substitute_sku', 'text', (d) => d.substituteSku],
  ['decided_at', 'timestamptz', (d) => d.decidedAt], ['decided_by', 'text', (d) => d.decidedBy], ['case_id', 'uuid', (d) => d.caseId],
  ['fallback_reason', 'text', (d) => d.fallbackReason],
];

const REFUND: Column<OrderRefundEntity>[] = [
  ['id', 'uuid', (r) => r.id], ['order_id', 'uuid', (r) => r.orderId], ['decision_id', 'uuid', (r) => r.decisionId],
  ['status', 'text', (r) => r.status], ['reason', 'text', (r) => r.reason], ['amount_cents', 'integer', (r) => r.amountCents],
  ['lines', 'jsonb', (r) => json(r.lines)], ['approved_at', 'timestamptz', (r) => r.approvedAt],
  ['requested_at', 'timestamptz', (r) => r.requestedAt], ['notice_id', 'uuid', (r) => r.noticeId],
];

export interface OrderWrite {
  order: OrderEntity;
  /** 0: the order is new and inserted; otherwise its row is updated only while it still has this version. */
  loadedVersion: number;
  lines: OrderLineEntity[];
  decisions: OrderDecisionEntity[];
  refunds: OrderRefundEntity[];
}

/**
 * One statement for the order row and its changed child rows. It returns `saved` = 1 and the row's
 * new `xmin` (ADR 0021), or 0 when the version check failed, in which case no child row is written either. Lines and refunds are upserted,
 * decisions inserted or ignored (they are immutable).
 */
export function saveOrderStatement(write: OrderWrite): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const param = (value: unknown, type: string) => `$${params.push(value)}::${type}`;
  const values = <R>(columns: Column<R>[], rows: R[]) =>
    rows.map((row) => `(${columns.map(([, type, value]) => param(value(row), type)).join(', ')})`).join(', ');
  const names = (columns: Column<never>[]) => columns.map(([name]) => name).join(', ');
  const updateAll = (columns: Column<never>[]) => columns.slice(1).map(([name]) => `${name} = EXCLUDED.${name}`).join(', ');
  // Child rows go in only when the order row was written (`o` returned it).
  const children = <R>(table: string, columns: Column<R>[], rows: R[], onConflict: string) =>
    `INSERT INTO ${table} (${names(columns)}) SELECT * FROM (VALUES ${values(columns, rows)}) AS v WHERE EXISTS (SELECT FROM o) ${onConflict}`;

  const parts: string[] = [];
  if (write.loadedVersion === 0) {
    parts.push(`o AS (INSERT INTO orders (${names(ORDER)}) VALUES ${values(ORDER, [write.order])} RETURNING id, xmin)`);
  } else {
    const set = ORDER.slice(1);
    parts.push(`o AS (UPDATE orders SET (${names(set)}) = ${values(set, [write.order])}
      WHERE id = ${param(write.order.id, 'uuid')} AND version = ${param(write.loadedVersion, 'integer')} RETURNING id, xmin)`);
  }
  if (write.lines.length) parts.push(`l AS (${children('order_lines', LINE, write.lines, `ON CONFLICT (id) DO UPDATE SET ${updateAll(LINE)}`)})`);
  if (write.decisions.length) parts.push(`d AS (${children('order_decisions', DECISION, write.decisions, 'ON CONFLICT DO NOTHING')})`);
  if (write.refunds.length) parts.push(`r AS (${children('order_refunds', REFUND, write.refunds, `ON CONFLICT (id) DO UPDATE SET ${updateAll(REFUND)}`)})`);
  return { sql: `WITH ${parts.join(',\n')} SELECT count(*)::int AS saved, min(xmin::text) AS xmin FROM o`, params };
}
