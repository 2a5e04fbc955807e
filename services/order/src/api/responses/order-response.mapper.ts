import { Order, OrderSnapshot } from '../../domain/order.aggregate';
import { ShortagePolicy } from '../../domain/shortage-policy';
import { OrderView } from '../../application/order-view';
import { OrderResponse, OrderSummaryResponse, ShortagePolicyResponse } from './order.response';

/** The API's own shapes; the aggregate's snapshot never goes out as it is. */
export function toOrderResponse(view: OrderView): OrderResponse {
  const o = view.order;
  const waiting = new Set(view.waitingLineIds);
  return {
    ...summary(o, view.waiting),
    onShortage: policy(o.policy),
    waitingLineIds: view.waitingLineIds,
    ...(o.shortageStage ? { shortageStage: o.shortageStage } : {}),
    lines: o.lines.map((l) => ({
      id: l.id, sku: l.sku, name: l.name, quantity: l.quantity, unitPriceCents: l.unitPriceCents, state: l.state, onShortage: policy(l.policy),
      shortQuantity: l.shortQuantity, refundedQuantity: l.refundedQuantity, waitingForDecision: waiting.has(l.id),
      ...(l.decisionDeadline ? { decisionDeadline: l.decisionDeadline.toISOString() } : {}),
      ...(l.shortage ? { shortage: l.shortage } : {}), ...(l.substitute ? { substitute: l.substitute } : {}),
    })),
    decisions: o.decisions.map((d) => ({
      id: d.id, source: d.source, resolution: d.resolution, lineIds: d.lineIds, decidedAt: d.decidedAt.toISOString(),
      ...(d.substituteSku ? { substituteSku: d.substituteSku } : {}), ...(d.decidedBy ? { decidedBy: d.decidedBy } : {}), ...(d.caseId ? { caseId: d.caseId } : {}),
      ...(d.fallbackReason ? { fallbackReason: d.fallbackReason } : {}),
    })),
    refunds: o.refunds.map((r) => ({
      id: r.id, status: r.status, amountCents: r.amountCents, currency: o.currency, reason: r.reason, lines: r.lines, decisionId: r.decisionId,
      approvedAt: r.approvedAt.toISOString(), ...(r.requestedAt ? { requestedAt: r.requestedAt.toISOString() } : {}), ...(r.noticeId ? { noticeId: r.noticeId } : {}),
    })),
    timeline: view.timeline.map((t) => ({
      at: t.at.toISOString(), kind: t.kind, summary: t.summary,
      ...(t.eventType ? { eventType: t.eventType } : {}), ...(t.eventId ? { eventId: t.eventId } : {}), ...(t.data ? { data: t.data } : {}),
    })),
  };
}

export function toOrderSummary(order: Order): OrderSummaryResponse {
  return summary(order.snapshot(), order.waiting());
}

function summary(o: OrderSnapshot, waiting: OrderView['waiting']): OrderSummaryResponse {
  return {
    id: o.id, shopperId: o.shopperId, storeId: o.storeId, state: o.state, currency: o.currency,
    totalCents: o.lines.reduce((sum, l) => sum + l.quantity * l.unitPriceCents, 0),
    placedAt: o.placedAt.toISOString(), updatedAt: o.updatedAt.toISOString(), version: o.version,
    decisionDeadline: waiting?.deadline.toISOString() ?? null, currentOwner: waiting?.owner ?? null,
  };
}

function policy(p: ShortagePolicy): ShortagePolicyResponse {
  return {
    choice: p.choice,
    ...(p.substituteSku ? { substituteSku: p.substituteSku } : {}),
    ...(p.ifNoAnswerWithinMinutes !== undefined ? { ifNoAnswerWithin: p.ifNoAnswerWithinMinutes } : {}),
    ...(p.thenFallback ? { thenFallback: p.thenFallback } : {}),
  };
}
