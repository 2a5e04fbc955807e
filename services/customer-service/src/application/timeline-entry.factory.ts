import {
  AgentJoinedV1, CaseDecisionRecordedV1, CaseOpenedV1, CaseResolvedV1, ContactAttemptedV1, EventEnvelope, Events,
  NotificationDeliveryFailedV1, NotificationShopperNotifiedV1, OrderAwaitingShopperDecisionV1, OrderCancelledV1,
  OrderDecisionRecordedV1, OrderHeldV1, OrderLineBackorderedV1, OrderLineRefundApprovedV1, OrderLineSubstitutedV1,
  OrderPlacedV1, OrderRefundRequestedV1, OrderSubstitutionRequestedV1, SlaBreachedV1,
} from '@askfirst/contracts';
import { TimelineRecord } from './timeline.model';

const money = (cents: number) => (cents / 100).toFixed(2);
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

type Describe = (data: any, envelope: EventEnvelope) => string;

const minutesBetween = (from: string, to: string) => Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 60_000));

// One human line per fact, so an agent reads the story without opening payloads.
const SUMMARIES: Record<string, Describe> = {
  [Events.orderPlaced.type]: (d: OrderPlacedV1) =>
    `Order placed: ${d.lines.map((l) => `${l.name} ×${l.quantity}`).join(', ')}; on shortage: ${d.policy.choice}`,
  [Events.orderConfirmed.type]: () => 'Order confirmed: every line reserved',
  [Events.orderAwaitingShopperDecision.type]: (d: OrderAwaitingShopperDecisionV1) =>
    `Shortage at ${d.stage.toLowerCase()}: ${d.shortLines.map((l) => `${l.name} ${l.quantityShort} of ${l.quantityOrdered} short`).join(', ')}; shopper asked to be contacted (fallback ${d.fallback})`,
  [Events.orderDecisionRecorded.type]: (d: OrderDecisionRecordedV1) =>
    `Decision recorded (${d.decision.source}): ${d.decision.resolution} for ${plural(d.decision.lineIds.length, 'line')}`,
  [Events.orderLineRefundApproved.type]: (d: OrderLineRefundApprovedV1) =>
    `Refund approved: ${d.name} ×${d.quantity} (${money(d.amountCents)}), requested once the shopper is told`,
  [Events.orderSubstitutionRequested.type]: (d: OrderSubstitutionRequestedV1) =>
    `Substitute requested for ${d.originalSku}: ${d.substituteSku ?? 'best match'}`,
  [Events.orderLineSubstituted.type]: (d: OrderLineSubstitutedV1) => `${d.fromSku} replaced by ${d.toName} ×${d.quantity}`,
  [Events.orderLineBackordered.type]: (d: OrderLineBackorderedV1) => `${d.sku} ×${d.quantity} back-ordered until restock`,
  [Events.orderHeld.type]: (d: OrderHeldV1) => `Order on hold (${d.decision.resolution}); a supervisor reviews it, nothing is refunded`,
  [Events.orderCancelled.type]: (d: OrderCancelledV1) => `Order cancelled: ${d.reason}; refund ${money(d.refundAmountCents)}`,
  [Events.orderRefundRequested.type]: (d: OrderRefundRequestedV1) => `Refund of ${money(d.amountCents)} ${d.currency} requested after the shopper was told`,
  [Events.orderPickingStarted.type]: () => 'Picking started',
  [Events.orderReady.type]: () => 'Packed, waiting for a courier',
  [Events.orderDispatched.type]: () => 'Dispatched with the courier',
  [Events.orderDelivered.type]: () => 'Delivered',
  [Events.notificationShopperNotified.type]: (d: NotificationShopperNotifiedV1) => `Notice about ${causeName(d.causeType)} delivered (${d.channels.join(', ')})`,
  [Events.notificationDeliveryFailed.type]: (d: NotificationDeliveryFailedV1) =>
    `Notice about ${causeName(d.causeType)} could not be delivered after ${plural(d.attempts, 'attempt')}`,
  [Events.caseOpened.type]: (d: CaseOpenedV1, e) => `Case opened (${d.caseType}): a human contacts the shopper within ${minutesBetween(e.time, d.slaDueAt)} min`,
  [Events.agentJoined.type]: (d: AgentJoinedV1) => `Agent ${d.agentId} took the case`,
  [Events.contactAttempted.type]: (d: ContactAttemptedV1) => `Agent ${d.agentId} tried to reach the shopper: ${d.outcome}`,
  [Events.caseDecisionRecorded.type]: (d: CaseDecisionRecordedV1) =>
    `Agent ${d.agentId} recorded the shopper's decision: ${d.decision.resolution} for ${plural(d.decision.lineIds.length, 'line')}`,
  [Events.slaBreached.type]: (d: SlaBreachedV1) => `No human contact in time (SLA missed); escalated to ${d.escalatedTo.toLowerCase()}s`,
  [Events.caseResolved.type]: (d: CaseResolvedV1) => `Case resolved${d.summary ? `: ${d.summary}` : ''}`,
};

function causeName(type: string): string {
  return type.replace(/\.v\d+$/, '');
}

/** Turns an event into a timeline line. The payload is kept whole as `detail` for staff. */
export function timelineEntryOf(envelope: EventEnvelope, orderId: string, internalNote?: string): TimelineRecord {
  const describe = SUMMARIES[envelope.type];
  return {
    eventId: envelope.id,
    orderId,
    type: envelope.type,
    source: envelope.source,
    occurredAt: new Date(envelope.time),
    summary: describe ? describe(envelope.data, envelope) : envelope.type,
    detail: JSON.parse(JSON.stringify(envelope.data)) as Record<string, unknown>,
    internalNote: internalNote ?? null,
  };
}
