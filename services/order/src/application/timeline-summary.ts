import { FallbackReason } from '@askfirst/contracts';
import { formatMoney } from './money';

const FALLBACK_REASONS: Record<FallbackReason, string> = {
  [FallbackReason.NO_ANSWER]: 'nobody answered in time',
  [FallbackReason.SUBSTITUTE_UNAVAILABLE]: 'no substitute could be held',
};

/**
 * One readable line per event for the timeline, so an agent never has to open the payload.
 * `currency` is the order's: most order events carry amounts without one.
 */
export function summarizeEvent(type: string, data: Record<string, any>, currency?: string): string {
  const decision = data.decision ? ` (${data.decision.resolution} by ${data.decision.source}${reasonOf(data.decision)})` : '';
  const money = (minorUnits: number) => {
    const code = data.currency ?? currency;
    return code ? formatMoney(minorUnits, code) : `${minorUnits} cents`;
  };
  switch (type.replace(/\.v\d+$/, '')) {
    case 'order.placed':
      return `Order placed: ${data.lines?.length ?? 0} line(s), on shortage ${data.policy?.choice}`;
    case 'order.confirmed':
      return 'Every line is reserved; the order will be picked';
    case 'order.awaiting-shopper-decision':
      return `Waiting for the shopper's decision on ${data.shortLines?.length ?? 0} line(s) until ${data.decisionDeadline}; then ${data.fallback}`;
    case 'order.decision-recorded':
      return `Decision recorded${decision} for ${data.decision?.lineIds?.length ?? 0} line(s)`;
    case 'order.line-refund-approved':
      return `Refund of ${data.quantity} x ${data.sku} (${money(data.amountCents)}) approved; requested once the shopper is told${decision}`;
    case 'order.substitution-requested':
      return `Substitute for ${data.originalSku} requested: ${data.substituteSku ?? 'best match'}${decision}`;
    case 'order.line-substituted':
      return `${data.fromSku} replaced by ${data.toSku} x ${data.quantity}${decision}`;
    case 'order.line-backordered':
      return `${data.quantity} x ${data.sku} back-ordered until restock${decision}`;
    case 'order.backorder-filled':
      return `The back-order is filled: ${data.quantity} x ${data.sku} held again and ships with the order`;
    case 'order.held':
      return `Order on hold for a supervisor, review by ${data.reviewBy}; nothing refunded${decision}`;
    case 'order.cancelled':
      return `Order cancelled: ${data.reason}; refund ${money(data.refundAmountCents)} after notice${decision}`;
    case 'order.picking-started':
      return 'A picker started on the order';
    case 'order.ready':
      return 'The order is packed and waits for the courier';
    case 'order.dispatched':
      return 'The courier has the order';
    case 'order.delivered':
      return 'The shopper has the order';
    case 'order.refund-requested':
      return `Refund ${data.refundId} of ${money(data.amountCents)} requested after notice ${data.noticeId}`;
    case 'inventory.reserved':
      return 'Inventory holds every line';
    case 'inventory.shortage-detected':
      return `Inventory reports ${data.lines?.length ?? 0} line(s) short at ${data.stage}${data.reason ? ` (${data.reason})` : ''}`;
    case 'inventory.released':
      return `Inventory put ${data.lines?.length ?? 0} line(s) back on the shelf`;
    case 'inventory.committed':
      return `Inventory handed ${data.lines?.length ?? 0} line(s) to the courier`;
    case 'inventory.substitute-reserved':
      return `Inventory holds substitute ${data.sku} x ${data.quantity}`;
    case 'inventory.substitute-unavailable':
      return `No substitute could be held: ${data.reason}`;
    case 'inventory.backorder-filled':
      return `Restock filled the back-order: ${data.quantity} x ${data.sku}`;
    case 'notification.shopper-notified':
      return `Shopper notified about ${data.causeType} via ${data.channels?.join(', ')}`;
    case 'notification.delivery-failed':
      return `Notice about ${data.causeType} could not be delivered after ${data.attempts} attempt(s)`;
    case 'customer-service.case-opened':
      return `Customer-service case ${data.caseType} opened, SLA due ${data.slaDueAt}`;
    case 'customer-service.agent-joined':
      return `Agent ${data.agentId} joined the case`;
    case 'customer-service.contact-attempted':
      return `Agent ${data.agentId} tried to reach the shopper: ${data.outcome}`;
    case 'customer-service.decision-recorded':
      return `Agent ${data.agentId} recorded the shopper's decision${decision}`;
    case 'customer-service.sla-breached':
      return `Case SLA breached; escalated to ${data.escalatedTo}`;
    case 'customer-service.case-resolved':
      return 'Customer-service case resolved';
    default:
      return type;
  }
}

function reasonOf(decision: { fallbackReason?: FallbackReason }): string {
  return decision.fallbackReason ? `: ${FALLBACK_REASONS[decision.fallbackReason] ?? decision.fallbackReason}` : '';
}
