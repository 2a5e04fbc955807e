import { CaseState } from '../domain/case.aggregate';
import { CaseView, TimelineItem } from '../application/case-view.model';
import { ContactAttemptRecord } from '../application/contact-attempt.model';
import { OrderSnapshot } from '../application/order-projection.model';
import { AgentCaseResponse, CaseResponse, ContactAttemptResponse } from './case.response';
import { AgentCaseViewResponse, AgentTimelineEntryResponse, OrderResponse, ShopperCaseViewResponse, TimelineEntryResponse } from './case-view.response';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toCaseResponse(s: CaseState, queuePosition: number | null): CaseResponse {
  return {
    id: s.id,
    orderId: s.orderId,
    type: s.type,
    status: s.status,
    queue: s.queue,
    priority: s.priority,
    subject: s.subject,
    openedAt: s.openedAt.toISOString(),
    promisedFirstContactBy: s.slaDueAt.toISOString(),
    slaDueAt: s.slaDueAt.toISOString(),
    queuePosition,
    firstContactAt: iso(s.firstContactAt),
    breached: s.breachedAt !== null,
    agentId: s.agentId,
    agentJoinedAt: iso(s.claimedAt),
    resolvedAt: iso(s.resolvedAt),
    resolutionSummary: s.resolutionSummary,
  };
}

export function toAgentCaseResponse(s: CaseState, queuePosition: number | null = null): AgentCaseResponse {
  return { ...toCaseResponse(s, queuePosition), shopperId: s.shopperId, breachedAt: iso(s.breachedAt), decision: s.decision, version: s.version };
}

export function toContactAttemptResponse(a: ContactAttemptRecord): ContactAttemptResponse {
  return { id: a.id, agentId: a.agentId, outcome: a.outcome, note: a.note, at: a.at.toISOString() };
}

function toTimelineEntry(item: TimelineItem): TimelineEntryResponse {
  return {
    at: item.occurredAt.toISOString(),
    type: item.type,
    summary: item.summary,
    notices: item.notices.map((n) => ({ status: n.status, channels: n.channels, at: n.at.toISOString() })),
  };
}

function toOrderResponse(o: OrderSnapshot): OrderResponse {
  return {
    orderId: o.orderId,
    shopperId: o.shopperId,
    storeId: o.storeId,
    placedAt: iso(o.placedAt),
    lines: o.lines,
    pendingShortage: o.pendingShortage
      ? { ...o.pendingShortage, lines: o.pendingShortage.lines.map((l) => ({ ...l, substitutes: l.substitutes ?? [] })) }
      : null,
  };
}

/** The shopper's own case: internal notes and raw payloads stay with staff. */
export function toShopperCaseView(view: CaseView): ShopperCaseViewResponse {
  return { case: toCaseResponse(view.case, view.queuePosition), timeline: view.timeline.map(toTimelineEntry) };
}

export function toAgentCaseView(view: CaseView): AgentCaseViewResponse {
  return {
    case: toAgentCaseResponse(view.case, view.queuePosition),
    order: view.order ? toOrderResponse(view.order) : null,
    contactAttempts: view.contactAttempts.map(toContactAttemptResponse),
    timeline: view.timeline.map(
      (item): AgentTimelineEntryResponse => ({ ...toTimelineEntry(item), eventId: item.eventId, source: item.source, detail: item.detail, internalNote: item.internalNote }),
    ),
  };
}
