import { OrderDecisionEntity } from './order-decision.entity';
import { OrderLineEntity } from './order-line.entity';
import { OrderRefundEntity } from './order-refund.entity';
import { OrderEntity } from './order.entity';
import { OrderRows } from './order.mapper';

/** An order row `o` with its lines, decisions and refunds as JSON arrays. */
const ORDER_WITH_CHILDREN = `o.*,
    (SELECT coalesce(json_agg(l ORDER BY l.position), '[]') FROM order_lines l WHERE l.order_id = o.id) AS _lines,
    (SELECT coalesce(json_agg(d ORDER BY d.decided_at), '[]') FROM order_decisions d WHERE d.order_id = o.id) AS _decisions,
    (SELECT coalesce(json_agg(r ORDER BY r.approved_at), '[]') FROM order_refunds r WHERE r.order_id = o.id) AS _refunds`;

/** Orders with their lines, decisions and refunds, in one statement; append `WHERE …` on `o`. */
export const LOAD_ORDERS_SQL = `
  SELECT ${ORDER_WITH_CHILDREN}
  FROM orders o`;

/**
 * One order locked FOR UPDATE and read with its children in one statement ($1: the id). If the lock
 * had to wait for a writer, PostgreSQL hands back the row as that writer left it, but the children
 * come from the statement's snapshot, taken before the wait. Every write of a child row also bumps
 * the order's version (saveOrderStatement), so `_snapshot_version` (the version in that snapshot)
 * differing from `version` says the children may be stale.
 */
export const LOCK_AND_LOAD_ORDER_SQL = `
  SELECT ${ORDER_WITH_CHILDREN},
    (SELECT s.version FROM orders s WHERE s.id = o.id) AS _snapshot_version
  FROM orders o WHERE o.id = $1 FOR UPDATE OF o`;

/** The order row locked, with what says whether it changed since this process last wrote it (ADR 0021). */
export const LOCK_ORDER_SQL = `SELECT xmin::text AS xmin, version FROM orders WHERE id = $1 FOR UPDATE`;

type Json = Record<string, any>;

const date = (value: string | null): Date | null => (value === null ? null : new Date(value));

/** One row of LOAD_ORDERS_SQL as the entities the mapper reads (JSON timestamps become Dates). */
export function rowsFromLoaded(row: Json): OrderRows {
  const order = Object.assign(new OrderEntity(), {
    id: row.id, shopperId: row.shopper_id, storeId: row.store_id, currency: row.currency, state: row.state, resumeState: row.resume_state,
    policy: row.policy, decisionDeadline: row.decision_deadline, holdReviewBy: row.hold_review_by, shortageStage: row.shortage_stage,
    correlationId: row.correlation_id, placedAt: row.placed_at, updatedAt: row.updated_at, version: row.version,
  });
  const lines = (row._lines as Json[]).map((l) => Object.assign(new OrderLineEntity(), {
    id: l.id, orderId: l.order_id, position: l.position, sku: l.sku, name: l.name, quantity: l.quantity, unitPriceCents: l.unit_price_cents,
    policy: l.policy, state: l.state, shortQuantity: l.short_quantity, refundedQuantity: l.refunded_quantity, waitingFor: l.waiting_for,
    decisionDeadline: date(l.decision_deadline), pendingDecisionId: l.pending_decision_id, shortage: l.shortage, substitute: l.substitute,
  }));
  const decisions = (row._decisions as Json[]).map((d) => Object.assign(new OrderDecisionEntity(), {
    id: d.id, orderId: d.order_id, source: d.source, resolution: d.resolution, lineIds: d.line_ids, substituteSku: d.substitute_sku,
    decidedAt: date(d.decided_at)!, decidedBy: d.decided_by, caseId: d.case_id, fallbackReason: d.fallback_reason,
  }));
  const refunds = (row._refunds as Json[]).map((r) => Object.assign(new OrderRefundEntity(), {
    id: r.id, orderId: r.order_id, decisionId: r.decision_id, status: r.status, reason: r.reason, amountCents: r.amount_cents, lines: r.lines,
    approvedAt: date(r.approved_at)!, requestedAt: date(r.requested_at), noticeId: r.notice_id,
  }));
  return { order, lines, decisions, refunds };
}
