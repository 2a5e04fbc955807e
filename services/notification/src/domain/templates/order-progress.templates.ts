import { NoticeContent } from '../notice-content';
import { ItemRef, NoticeFacts } from './notice-facts';
import { listInWords, orderRef, quantityOf } from './plain-words';
import { NoticeKind } from '../notice-kind';

type Facts<K extends NoticeKind> = Extract<NoticeFacts, { kind: K }>;

export function orderConfirmed(facts: Facts<NoticeKind.ORDER_CONFIRMED>): NoticeContent {
  const items = listInWords(facts.items.filter((i) => i.quantity > 0).map(quantityOf));
  return {
    subject: `Order ${orderRef(facts.orderId)} is confirmed`,
    paragraphs: [...whatWeHave(items, facts.missing), "We'll tell you as soon as it is on its way."],
  };
}

// "Everything" only when we know what was ordered and all of it is there.
function whatWeHave(items: string, missing: ItemRef[] | undefined): string[] {
  if (!missing) return [items ? `Here is what we have for your order: ${items}.` : 'We have your order.'];
  if (!missing.length) return [items ? `We have everything for your order: ${items}.` : 'We have everything for your order.'];
  const one = missing.length === 1 && missing[0].quantity === 1;
  return [
    ...(items ? [`We have ${items} for your order.`] : []),
    `Not everything you ordered is there: ${listInWords(missing.map(quantityOf))} ${one ? 'is' : 'are'} missing. We've told you separately what happens to ${one ? 'it' : 'them'}.`,
  ];
}

export function orderDispatched(facts: Facts<NoticeKind.ORDER_DISPATCHED>): NoticeContent {
  return {
    subject: `Order ${orderRef(facts.orderId)} is on its way`,
    paragraphs: ['Your courier has picked up your order and is on the way to you.'],
  };
}

export function orderDelivered(facts: Facts<NoticeKind.ORDER_DELIVERED>): NoticeContent {
  return {
    subject: `Order ${orderRef(facts.orderId)} was delivered`,
    paragraphs: ['Your order was delivered. Enjoy! If anything is wrong, reply in the app and a person will help you.'],
  };
}
