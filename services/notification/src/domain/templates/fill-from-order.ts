import { NoticeKind } from '../notice-kind';
import { DecisionAccount, ItemRef, NoticeFacts } from './notice-facts';

/** A line as order.placed described it. */
export interface OrderedLine {
  lineId: string;
  sku: string;
  name: string;
  quantity: number;
  noAnswerMinutes: number | null;
}

/** Whether the notice needs the order's lines from order.placed (names, quantities, the "no answer" window). */
export function needsOrderedLines(facts: NoticeFacts): boolean {
  switch (facts.kind) {
    case NoticeKind.ORDER_CONFIRMED:
    case NoticeKind.LINE_REFUND_APPROVED:
    case NoticeKind.LINE_SUBSTITUTED:
    case NoticeKind.LINE_BACKORDERED:
    case NoticeKind.BACKORDER_FILLED:
    case NoticeKind.ORDER_HELD:
    case NoticeKind.ORDER_CANCELLED:
      return true;
    case NoticeKind.DECISION_NEEDED:
    case NoticeKind.ORDER_DISPATCHED:
    case NoticeKind.ORDER_DELIVERED:
    case NoticeKind.CASE_OPENED:
    case NoticeKind.AGENT_JOINED:
      return false;
  }
}

/**
 * Names items the event carried only as SKUs, finds the window a fallback decision waited for,
 * and lists what was ordered where the notice compares with it. `ordered` is empty when we never
 * saw the order placed.
 */
export function fillFromOrder(facts: NoticeFacts, ordered: readonly OrderedLine[]): NoticeFacts {
  const byId = new Map(ordered.map((l) => [l.lineId, l]));
  const item = (ref: ItemRef): ItemRef => ({ ...ref, name: ref.name ?? (ref.lineId ? byId.get(ref.lineId)?.name : undefined) });
  const decision = (d: DecisionAccount): DecisionAccount => {
    if (d.noAnswerMinutes !== undefined) return d;
    const minutes = d.lineIds.map((id) => byId.get(id)?.noAnswerMinutes).find((m): m is number => typeof m === 'number');
    return minutes === undefined ? d : { ...d, noAnswerMinutes: minutes };
  };
  switch (facts.kind) {
    case NoticeKind.ORDER_CONFIRMED:
      return { ...facts, items: facts.items.map(item), missing: ordered.length ? notConfirmed(ordered, facts.items) : undefined };
    case NoticeKind.LINE_REFUND_APPROVED:
    case NoticeKind.LINE_SUBSTITUTED:
    case NoticeKind.LINE_BACKORDERED:
      return { ...facts, item: item(facts.item), decision: decision(facts.decision) };
    case NoticeKind.BACKORDER_FILLED:
      return { ...facts, item: item(facts.item) };
    case NoticeKind.ORDER_HELD:
      return { ...facts, decision: decision(facts.decision) };
    case NoticeKind.ORDER_CANCELLED:
      return { ...facts, decision: decision(facts.decision), ordered: ordered.length ? ordered.map(asItem) : undefined };
    default:
      return facts;
  }
}

// Units ordered but not in the confirmation: refunded or back-ordered before the order was confirmed.
function notConfirmed(ordered: readonly OrderedLine[], confirmed: ItemRef[]): ItemRef[] {
  const held = new Map(confirmed.map((i) => [i.lineId, i.quantity]));
  return ordered.flatMap((line) => {
    const short = line.quantity - (held.get(line.lineId) ?? 0);
    return short > 0 ? [{ ...asItem(line), quantity: short }] : [];
  });
}

function asItem(line: OrderedLine): ItemRef {
  return { lineId: line.lineId, sku: line.sku, name: line.name, quantity: line.quantity };
}
