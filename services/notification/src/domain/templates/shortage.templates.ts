import { DecisionSource, ShortageResolution } from '@askfirst/contracts';
import { choicesFor } from '../decision-offer';
import { NoticeContent } from '../notice-content';
import { NoticeKind } from '../notice-kind';
import { fallbackPhrase, whoDecided } from './decision-wording';
import { NoticeFacts } from './notice-facts';
import { capitalise, itemName, listInWords, money, orderRef, quantityOf, when } from './plain-words';

type Facts<K extends NoticeKind> = Extract<NoticeFacts, { kind: K }>;

export function decisionNeeded(facts: Facts<NoticeKind.DECISION_NEEDED>): NoticeContent {
  const names = listInWords(facts.shortItems.map((i) => itemName(i)));
  const missing = facts.shortItems.map((i) =>
    i.quantityShort >= i.quantityOrdered
      ? `We can't get the ${i.quantityOrdered} × ${itemName(i)} you ordered.`
      : `We can only get ${i.quantityOrdered - i.quantityShort} of the ${i.quantityOrdered} × ${itemName(i)} you ordered.`,
  );
  const choices = choicesFor(facts);
  return {
    subject: `We're missing ${names} from order ${orderRef(facts.orderId)}: what should we do?`,
    paragraphs: [
      ...missing,
      'Your options:',
      ...choices.map((c) => `- ${c.label}`),
      `Please choose by ${when(facts.deadline)}. If we don't hear from you by then, we'll ${fallbackPhrase(facts.fallback)}, as you chose at checkout.`,
    ],
    action: facts.link ? { label: 'Choose what happens', url: facts.link } : undefined,
  };
}

export function lineRefundApproved(facts: Facts<NoticeKind.LINE_REFUND_APPROVED>): NoticeContent {
  return {
    subject: `${capitalise(itemName(facts.item))}: refunded, the rest of order ${orderRef(facts.orderId)} ships`,
    paragraphs: [
      `We couldn't get ${quantityOf(facts.item)} for your order.`,
      `We're refunding ${money(facts.amountCents)} for it and shipping the rest: ${whoDecided(facts.decision)}.`,
    ],
  };
}

export function lineSubstituted(facts: Facts<NoticeKind.LINE_SUBSTITUTED>): NoticeContent {
  return {
    subject: `${capitalise(itemName(facts.item))} replaced with ${facts.substituteName}`,
    paragraphs: [
      `We couldn't get ${quantityOf(facts.item)} for order ${orderRef(facts.orderId)}, so you'll get ${facts.item.quantity} × ${facts.substituteName} instead: ${whoDecided(facts.decision)}.`,
    ],
  };
}

export function lineBackordered(facts: Facts<NoticeKind.LINE_BACKORDERED>): NoticeContent {
  return {
    subject: `${capitalise(itemName(facts.item))} is back-ordered`,
    paragraphs: [
      `${capitalise(quantityOf(facts.item))} for order ${orderRef(facts.orderId)} will follow as soon as it is restocked: ${whoDecided(facts.decision)}.`,
      "We'll tell you when it is on the shelf again.",
    ],
  };
}

export function backorderFilled(facts: Facts<NoticeKind.BACKORDER_FILLED>): NoticeContent {
  return {
    subject: `${capitalise(itemName(facts.item))} is back in stock`,
    paragraphs: [`${capitalise(quantityOf(facts.item))} for order ${orderRef(facts.orderId)} is on the shelf again: we've set it aside, and it ships with your order.`],
  };
}

export function orderHeld(facts: Facts<NoticeKind.ORDER_HELD>): NoticeContent {
  return {
    subject: `Order ${orderRef(facts.orderId)} is on hold`,
    paragraphs: [
      `We're holding your order and nothing is refunded: ${whoDecided(facts.decision)}.`,
      `A supervisor will look at it by ${when(facts.reviewBy)} and reach out to you.`,
    ],
  };
}

export function orderCancelled(facts: Facts<NoticeKind.ORDER_CANCELLED>): NoticeContent {
  const refund = facts.refundAmountCents > 0 ? ` We're refunding ${money(facts.refundAmountCents)}.` : '';
  const ordered = facts.ordered?.length ? [`Your order was: ${listInWords(facts.ordered.map(quantityOf))}.`] : [];
  return {
    subject: `Order ${orderRef(facts.orderId)} is cancelled`,
    paragraphs: [`${shortageBehind(facts)}We cancelled your order: ${whoDecided(facts.decision)}.${refund}`, ...ordered],
  };
}

// A checkout preset or fallback only applies to a shortage, and "refund and ship the rest" only
// cancels when nothing is left to ship; a shopper's or agent's own cancellation needs no reason.
function shortageBehind(facts: Facts<NoticeKind.ORDER_CANCELLED>): string {
  const shortLines = new Set(facts.decision.lineIds);
  const short = (facts.ordered ?? []).filter((i) => i.lineId && shortLines.has(i.lineId)).map((i) => itemName(i));
  const missing = short.length ? `the ${listInWords(short)}` : 'some of your items';
  if (facts.decision.resolution === ShortageResolution.REFUND_ITEM_SHIP_REST) return `We couldn't get ${missing}, and nothing else is left to ship. `;
  switch (facts.decision.source) {
    case DecisionSource.SHOPPER_PRESET:
    case DecisionSource.SHOPPER_PRESET_FALLBACK:
      return `We couldn't get ${missing}. `;
    case DecisionSource.SHOPPER:
    case DecisionSource.AGENT_FOR_SHOPPER:
      return '';
  }
}
