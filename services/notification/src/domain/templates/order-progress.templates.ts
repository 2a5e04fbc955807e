import { NoticeContent } from '../notice-content';
import { NoticeFacts } from './notice-facts';
import { listInWords, orderRef, quantityOf } from './plain-words';
import { NoticeKind } from '../notice-kind';

type Facts<K extends NoticeKind> = Extract<NoticeFacts, { kind: K }>;

export function orderConfirmed(facts: Facts<NoticeKind.ORDER_CONFIRMED>): NoticeContent {
  const items = facts.items.filter((i) => i.quantity > 0).map(quantityOf);
  return {
    subject: `Order ${orderRef(facts.orderId)} is confirmed`,
    paragraphs: [
      items.length ? `We have everything for your order: ${listInWords(items)}.` : 'We have everything for your order.',
      "We'll tell you as soon as it is on its way.",
    ],
  };
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
