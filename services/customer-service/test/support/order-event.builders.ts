import { randomUUID } from 'node:crypto';
import {
  DecisionSource, NoAnswerFallback, NotificationDeliveryFailedV1, NotificationShopperNotifiedV1, NoticeChannel, OrderAwaitingShopperDecisionV1,
  OrderDecisionRecordedV1, OrderHeldV1, OrderPlacedV1, ShortageChoice, ShortageResolution, ShortageStage,
} from '@askfirst/contracts';

/** A small order as the order service would announce it: a cake, bread and milk. */
export function anOrder(shopperId: string, choice = ShortageChoice.CONTACT_ME) {
  const orderId = randomUUID();
  const policy = { choice, ...(choice === ShortageChoice.CONTACT_ME ? { ifNoAnswerWithinMinutes: 30, thenFallback: NoAnswerFallback.KEEP_HOLDING } : {}) };
  const lines = {
    cake: { lineId: randomUUID(), sku: 'CAKE-CREAM', name: 'Cream cake', quantity: 1, unitPriceCents: 1299, policy },
    bread: { lineId: randomUUID(), sku: 'BREAD-RYE', name: 'Rye bread', quantity: 2, unitPriceCents: 349, policy },
    milk: { lineId: randomUUID(), sku: 'MILK-1L', name: 'Milk 1 l', quantity: 1, unitPriceCents: 129, policy },
  };
  const placed: OrderPlacedV1 = { orderId, shopperId, storeId: 'store-1', placedAt: new Date().toISOString(), policy, lines: Object.values(lines) };
  const cakeShort: OrderAwaitingShopperDecisionV1 = {
    orderId,
    shopperId,
    stage: ShortageStage.PICKING,
    shortLines: [{ lineId: lines.cake.lineId, sku: 'CAKE-CREAM', name: 'Cream cake', quantityOrdered: 1, quantityShort: 1, substitutes: [{ sku: 'CAKE-CHOC', name: 'Chocolate cake', available: 3, unitPriceCents: 1399 }] }],
    options: [ShortageResolution.WAIT_FOR_RESTOCK, ShortageResolution.SUBSTITUTE, ShortageResolution.REFUND_ITEM_SHIP_REST, ShortageResolution.CANCEL_ORDER],
    decisionDeadline: new Date(Date.now() + 30 * 60_000).toISOString(),
    fallback: NoAnswerFallback.KEEP_HOLDING,
  };
  return { orderId, shopperId, lines, placed, cakeShort };
}

export function held(orderId: string, shopperId: string, lineIds: string[]): OrderHeldV1 {
  return {
    orderId,
    shopperId,
    decision: { decisionId: randomUUID(), source: DecisionSource.SHOPPER_PRESET_FALLBACK, resolution: ShortageResolution.KEEP_HOLDING, lineIds },
    reviewBy: new Date(Date.now() + 3600_000).toISOString(),
  };
}

export function decided(orderId: string, shopperId: string, lineIds: string[], source = DecisionSource.SHOPPER): OrderDecisionRecordedV1 {
  return { orderId, shopperId, decision: { decisionId: randomUUID(), source, resolution: ShortageResolution.REFUND_ITEM_SHIP_REST, lineIds } };
}

export function noticeDelivered(orderId: string, shopperId: string, causeEventId: string, causeType: string): NotificationShopperNotifiedV1 {
  return { noticeId: randomUUID(), orderId, shopperId, causeEventId, causeType, refundIds: [], channels: [NoticeChannel.EMAIL, NoticeChannel.SMS] };
}

export function noticeFailed(orderId: string, shopperId: string, causeEventId: string, causeType: string): NotificationDeliveryFailedV1 {
  return { noticeId: randomUUID(), orderId, shopperId, causeEventId, causeType, refundIds: [], attempts: 5, lastError: 'SMTP 550 mailbox unavailable' };
}
