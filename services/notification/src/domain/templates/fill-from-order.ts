import { NoticeKind } from '../notice-kind';
import { DecisionAccount, ItemRef, NoticeFacts } from './notice-facts';

export interface KnownLineFacts {
  name: string;
  noAnswerMinutes: number | null;
}

/** Line ids whose names or "no answer" window the notice needs from order.placed. */
export function lineIdsNeeded(facts: NoticeFacts): string[] {
  const ids: (string | undefined)[] = [];
  switch (facts.kind) {
    case NoticeKind.ORDER_CONFIRMED:
      ids.push(...facts.items.map((i) => i.lineId));
      break;
    case NoticeKind.LINE_REFUND_APPROVED:
    case NoticeKind.LINE_SUBSTITUTED:
    case NoticeKind.LINE_BACKORDERED:
      ids.push(facts.item.lineId, ...facts.decision.lineIds);
      break;
    case NoticeKind.ORDER_HELD:
    case NoticeKind.ORDER_CANCELLED:
      ids.push(...facts.decision.lineIds);
      break;
    default:
      break;
  }
  return [...new Set(ids.filter((id): id is string => !!id))];
}

/** Names items the event carried only as SKUs, and the window a fallback decision waited for. */
export function fillFromOrder(facts: NoticeFacts, lookup: (lineId: string) => KnownLineFacts | undefined): NoticeFacts {
  const item = (ref: ItemRef): ItemRef => ({ ...ref, name: ref.name ?? (ref.lineId ? lookup(ref.lineId)?.name : undefined) });
  const decision = (d: DecisionAccount): DecisionAccount => {
    if (d.noAnswerMinutes !== undefined) return d;
    const minutes = d.lineIds.map((id) => lookup(id)?.noAnswerMinutes).find((m): m is number => typeof m === 'number');
    return minutes === undefined ? d : { ...d, noAnswerMinutes: minutes };
  };
  switch (facts.kind) {
    case NoticeKind.ORDER_CONFIRMED:
      return { ...facts, items: facts.items.map(item) };
    case NoticeKind.LINE_REFUND_APPROVED:
    case NoticeKind.LINE_SUBSTITUTED:
    case NoticeKind.LINE_BACKORDERED:
      return { ...facts, item: item(facts.item), decision: decision(facts.decision) };
    case NoticeKind.ORDER_HELD:
    case NoticeKind.ORDER_CANCELLED:
      return { ...facts, decision: decision(facts.decision) };
    default:
      return facts;
  }
}
