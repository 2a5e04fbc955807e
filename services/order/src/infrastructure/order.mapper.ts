import { DecisionSource, FallbackReason, LineState, OrderState, ShortageResolution, ShortageStage } from '@askfirst/contracts';
import { DecisionProps } from '../domain/decision';
import { LineSnapshot, LineWait } from '../domain/order-line';
import { OrderSnapshot } from '../domain/order.aggregate';
import { RefundSnapshot, RefundStatus } from '../domain/refund';
import { OrderDecisionEntity } from './order-decision.entity';
import { OrderLineEntity } from './order-line.entity';
import { OrderRefundEntity } from './order-refund.entity';
import { OrderEntity } from './order.entity';
import { copyPlain } from '../domain/plain-data';

export interface OrderRows {
  order: OrderEntity;
  lines: OrderLineEntity[];
  decisions: OrderDecisionEntity[];
  refunds: OrderRefundEntity[];
}

/**
 * Rows <-> the aggregate's snapshot; nothing outside infrastructure sees an entity. The snapshot
 * shares no object with the rows that the aggregate could change (the JSON columns are copied;
 * Dates are never changed in place), so the rows stay as read or written: the repository compares
 * against them to save only what changed, and keeps them for later loads (ADR 0021).
 */
export function toSnapshot({ order, lines, decisions, refunds }: OrderRows): OrderSnapshot {
  return {
    id: order.id,
    shopperId: order.shopperId,
    storeId: order.storeId,
    currency: order.currency,
    state: order.state as OrderState,
    resumeState: (order.resumeState ?? undefined) as OrderState | undefined,
    policy: order.policy,
    lines: [...lines].sort((a, b) => a.position - b.position).map(toLine),
    decisions: [...decisions].sort((a, b) => a.decidedAt.getTime() - b.decidedAt.getTime()).map(toDecision),
    refunds: [...refunds].sort((a, b) => a.approvedAt.getTime() - b.approvedAt.getTime()).map(toRefund),
    decisionDeadline: order.decisionDeadline ?? undefined,
    holdReviewBy: order.holdReviewBy ?? undefined,
    shortageStage: (order.shortageStage ?? undefined) as ShortageStage | undefined,
    correlationId: order.correlationId,
    placedAt: order.placedAt,
    updatedAt: order.updatedAt,
    version: order.version,
  };
}

export function toRows(s: OrderSnapshot): OrderRows {
  return {
    order: Object.assign(new OrderEntity(), {
      id: s.id, shopperId: s.shopperId, storeId: s.storeId, currency: s.currency, state: s.state, resumeState: s.resumeState ?? null,
      policy: s.policy, decisionDeadline: s.decisionDeadline ?? null, holdReviewBy: s.holdReviewBy ?? null, shortageStage: s.shortageStage ?? null,
      correlationId: s.correlationId, placedAt: s.placedAt, updatedAt: s.updatedAt, version: s.version,
    }),
    lines: s.lines.map((l, position) => Object.assign(new OrderLineEntity(), {
      id: l.id, orderId: s.id, position, sku: l.sku, name: l.name, quantity: l.quantity, unitPriceCents: l.unitPriceCents, policy: l.policy,
      state: l.state, shortQuantity: l.shortQuantity, refundedQuantity: l.refundedQuantity, waitingFor: l.waitingFor ?? null,
      decisionDeadline: l.decisionDeadline ?? null, pendingDecisionId: l.pendingDecisionId ?? null, shortage: l.shortage ?? null, substitute: l.substitute ?? null,
    })),
    decisions: s.decisions.map((d) => Object.assign(new OrderDecisionEntity(), {
      id: d.id, orderId: s.id, source: d.source, resolution: d.resolution, lineIds: d.lineIds, substituteSku: d.substituteSku ?? null,
      decidedAt: d.decidedAt, decidedBy: d.decidedBy ?? null, caseId: d.caseId ?? null, fallbackReason: d.fallbackReason ?? null,
    })),
    refunds: s.refunds.map((r) => Object.assign(new OrderRefundEntity(), {
      id: r.id, orderId: s.id, decisionId: r.decisionId, status: r.status, reason: r.reason, amountCents: r.amountCents, lines: r.lines,
      approvedAt: r.approvedAt, requestedAt: r.requestedAt ?? null, noticeId: r.noticeId ?? null,
    })),
  };
}

function toLine(l: OrderLineEntity): LineSnapshot {
  const line: LineSnapshot = {
    id: l.id, sku: l.sku, name: l.name, quantity: l.quantity, unitPriceCents: l.unitPriceCents, policy: l.policy,
    state: l.state as LineState, shortQuantity: l.shortQuantity, refundedQuantity: l.refundedQuantity,
  };
  if (l.waitingFor) line.waitingFor = l.waitingFor as LineWait;
  if (l.decisionDeadline) line.decisionDeadline = l.decisionDeadline;
  if (l.pendingDecisionId) line.pendingDecisionId = l.pendingDecisionId;
  if (l.shortage) line.shortage = copyPlain(l.shortage);
  if (l.substitute) line.substitute = copyPlain(l.substitute);
  return line;
}

function toDecision(d: OrderDecisionEntity): DecisionProps {
  const props: DecisionProps = {
    id: d.id, source: d.source as DecisionSource, resolution: d.resolution as ShortageResolution, lineIds: [...d.lineIds], decidedAt: d.decidedAt,
  };
  if (d.substituteSku) props.substituteSku = d.substituteSku;
  if (d.decidedBy) props.decidedBy = d.decidedBy;
  if (d.caseId) props.caseId = d.caseId;
  if (d.fallbackReason) props.fallbackReason = d.fallbackReason as FallbackReason;
  return props;
}

function toRefund(r: OrderRefundEntity): RefundSnapshot {
  const refund: RefundSnapshot = {
    id: r.id, decisionId: r.decisionId, status: r.status as RefundStatus, reason: r.reason as RefundSnapshot['reason'], amountCents: r.amountCents,
    lines: copyPlain(r.lines), approvedAt: r.approvedAt,
  };
  if (r.requestedAt) refund.requestedAt = r.requestedAt;
  if (r.noticeId) refund.noticeId = r.noticeId;
  return refund;
}
