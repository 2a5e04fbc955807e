import { randomUUID } from 'node:crypto';
import {
  Events, InventoryReservedV1, InventoryShortageDetectedV1, NotificationShopperNotifiedV1, NoticeChannel, ShortageStage, StockAdjustmentReason,
} from '@askfirst/contracts';

/** The disappearing-cake order: a cream cake and two bags of snacks. */
export function cakeAndSnacks(onShortage: Record<string, unknown>, overrides: Record<string, unknown> = {}) {
  return {
    storeId: 'store-1',
    onShortage,
    lines: [
      { sku: 'CAKE-CREAM', name: 'Cream cake', quantity: 1, unitPriceCents: 1500 },
      { sku: 'SNACK-MIX', name: 'Snack mix', quantity: 2, unitPriceCents: 300 },
    ],
    ...overrides,
  };
}

type Line = { id: string; sku: string; quantity: number };

export function reservedAll(order: { id: string; storeId: string; lines: Line[] }): [typeof Events.inventoryReserved, InventoryReservedV1, string] {
  return [Events.inventoryReserved, {
    orderId: order.id, storeId: order.storeId, lines: order.lines.map((l) => ({ lineId: l.id, sku: l.sku, quantity: l.quantity })),
  }, order.id];
}

/** `short` maps line SKU to how many units are missing; every other line is held in full. */
export function shortageOf(
  order: { id: string; storeId: string; lines: Line[] },
  short: Record<string, number>,
  stage = ShortageStage.PICKING,
): [typeof Events.inventoryShortageDetected, InventoryShortageDetectedV1, string] {
  const isShort = (l: Line) => short[l.sku] !== undefined;
  return [Events.inventoryShortageDetected, {
    orderId: order.id, storeId: order.storeId, stage, ...(stage === ShortageStage.PICKING ? { reason: StockAdjustmentReason.MISSING } : {}),
    lines: order.lines.filter(isShort).map((l) => ({
      lineId: l.id, sku: l.sku, quantityOrdered: l.quantity, quantityReserved: l.quantity - short[l.sku], quantityShort: short[l.sku],
      substitutes: [{ sku: 'CAKE-CHOC', name: 'Chocolate cake', available: 3, unitPriceCents: 1400 }],
    })),
    reservedLines: order.lines.filter((l) => !isShort(l)).map((l) => ({ lineId: l.id, sku: l.sku, quantity: l.quantity })),
  }, order.id];
}

/** notification.shopper-notified for the event that announced these refunds. */
export function shopperNotified(
  order: { id: string; shopperId: string },
  cause: { id: string; type: string },
  refundIds: string[],
): [typeof Events.notificationShopperNotified, NotificationShopperNotifiedV1, string] {
  return [Events.notificationShopperNotified, {
    noticeId: randomUUID(), orderId: order.id, shopperId: order.shopperId, causeEventId: cause.id, causeType: cause.type, refundIds,
    channels: [NoticeChannel.EMAIL],
  }, order.id];
}
