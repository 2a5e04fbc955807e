import { DecisionSource, LineState, NoAnswerFallback, OrderState, ShortageChoice, ShortageResolution } from '@askfirst/contracts';
import { DecisionProps } from '../../src/domain/decision';
import { LineSnapshot } from '../../src/domain/order-line';
import { OrderSnapshot } from '../../src/domain/order.aggregate';

export const T0 = new Date('2026-11-20T10:00:00.000Z');
export const ids = {
  order: '00000000-0000-4000-8000-000000000001',
  cake: '00000000-0000-4000-8000-0000000000ca',
  snacks: '00000000-0000-4000-8000-00000000005a',
  bread: '00000000-0000-4000-8000-0000000000b0',
  substitution: '00000000-0000-4000-8000-00000000d001',
};

export const contactMe = { choice: ShortageChoice.CONTACT_ME, ifNoAnswerWithinMinutes: 10, thenFallback: NoAnswerFallback.REFUND_ITEM_SHIP_REST };
export const refundRest = { choice: ShortageChoice.REFUND_ITEM_SHIP_REST };

export function line(id: string, overrides: Partial<LineSnapshot> = {}): LineSnapshot {
  return {
    id, sku: 'SKU-' + id.slice(-4).toUpperCase(), name: `item ${id.slice(-2)}`, quantity: 1, unitPriceCents: 100, policy: refundRest,
    state: LineState.RESERVED, shortQuantity: 0, refundedQuantity: 0, ...overrides,
  };
}

/** An order as the database would hold it; tests state only what matters to them. */
export function orderSnapshot(overrides: Partial<OrderSnapshot> = {}): OrderSnapshot {
  return {
    id: ids.order, shopperId: 'shopper-a', storeId: 'store-1', currency: 'EUR', state: OrderState.CONFIRMED, policy: refundRest,
    lines: [
      line(ids.cake, { sku: 'CAKE-CREAM', name: 'Cream cake', unitPriceCents: 1500, policy: contactMe }),
      line(ids.snacks, { sku: 'SNACK-MIX', name: 'Snack mix', quantity: 2, unitPriceCents: 300 }),
    ],
    decisions: [], refunds: [], correlationId: 'corr-1', placedAt: T0, updatedAt: T0, version: 3, ...overrides,
  };
}

/** A substitution asked of inventory for `lineId`, as a recorded preset decision. */
export function pendingSubstitution(lineId: string, decisionId = ids.substitution): DecisionProps {
  return { id: decisionId, source: DecisionSource.SHOPPER_PRESET, resolution: ShortageResolution.SUBSTITUTE, lineIds: [lineId], decidedAt: T0 };
}
