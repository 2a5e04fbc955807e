import { randomUUID } from 'node:crypto';
import {
  DecisionSource, NoAnswerFallback, OrderAwaitingShopperDecisionV1, OrderBackorderFilledV1, OrderLineBackorderedV1, OrderLineRefundApprovedV1,
  OrderPlacedV1, ShortageChoice, ShortageResolution, ShortageStage,
} from '@askfirst/contracts';

/** The disappearing cake: an order of a cake and milk whose cake goes missing at picking. */
export function cakeOrder(shopperId: string, options: { noAnswerMinutes?: number } = {}) {
  const orderId = randomUUID();
  const cakeLineId = randomUUID();
  const milkLineId = randomUUID();
  const policy = { choice: ShortageChoice.CONTACT_ME, ifNoAnswerWithinMinutes: options.noAnswerMinutes ?? 10, thenFallback: NoAnswerFallback.REFUND_ITEM_SHIP_REST };
  const placed: OrderPlacedV1 = {
    orderId,
    shopperId,
    storeId: 'store-1',
    placedAt: new Date().toISOString(),
    policy,
    lines: [
      { lineId: cakeLineId, sku: 'CAKE-CHOC', name: 'Chocolate cake', quantity: 1, unitPriceCents: 1250, policy },
      { lineId: milkLineId, sku: 'MILK-1L', name: 'Milk 1 l', quantity: 2, unitPriceCents: 99, policy },
    ],
  };
  return { orderId, cakeLineId, milkLineId, placed };
}

export function cakeShortage(order: ReturnType<typeof cakeOrder>, deadline = new Date(Date.now() + 10 * 60_000)): OrderAwaitingShopperDecisionV1 {
  return {
    orderId: order.orderId,
    shopperId: order.placed.shopperId,
    stage: ShortageStage.PICKING,
    shortLines: [
      {
        lineId: order.cakeLineId,
        sku: 'CAKE-CHOC',
        name: 'Chocolate cake',
        quantityOrdered: 1,
        quantityShort: 1,
        substitutes: [{ sku: 'CAKE-VAN', name: 'Vanilla cake', available: 3, unitPriceCents: 1190 }],
        restockEta: new Date(Date.now() + 2 * 3600_000).toISOString(),
      },
    ],
    options: [ShortageResolution.WAIT_FOR_RESTOCK, ShortageResolution.SUBSTITUTE, ShortageResolution.REFUND_ITEM_SHIP_REST, ShortageResolution.CANCEL_ORDER],
    decisionDeadline: deadline.toISOString(),
    fallback: NoAnswerFallback.REFUND_ITEM_SHIP_REST,
  };
}

export function cakeRefund(order: ReturnType<typeof cakeOrder>, source = DecisionSource.SHOPPER): OrderLineRefundApprovedV1 {
  return {
    orderId: order.orderId,
    shopperId: order.placed.shopperId,
    refundId: randomUUID(),
    lineId: order.cakeLineId,
    sku: 'CAKE-CHOC',
    name: 'Chocolate cake',
    quantity: 1,
    amountCents: 1250,
    decision: { decisionId: randomUUID(), source, resolution: ShortageResolution.REFUND_ITEM_SHIP_REST, lineIds: [order.cakeLineId] },
  };
}

export function cakeBackordered(order: ReturnType<typeof cakeOrder>): OrderLineBackorderedV1 {
  return {
    orderId: order.orderId,
    shopperId: order.placed.shopperId,
    storeId: order.placed.storeId,
    lineId: order.cakeLineId,
    sku: 'CAKE-CHOC',
    quantity: 1,
    decision: { decisionId: randomUUID(), source: DecisionSource.SHOPPER, resolution: ShortageResolution.WAIT_FOR_RESTOCK, lineIds: [order.cakeLineId] },
  };
}

/** The restock filled the back-ordered cake; the event names it only by SKU. */
export function cakeBackorderFilled(order: ReturnType<typeof cakeOrder>): OrderBackorderFilledV1 {
  return { orderId: order.orderId, shopperId: order.placed.shopperId, storeId: order.placed.storeId, lineId: order.cakeLineId, sku: 'CAKE-CHOC', quantity: 1 };
}
