import { randomUUID } from 'node:crypto';
import { createEnvelope, DecisionSource, EventDefinition, Events, NoAnswerFallback, ShortageChoice, ShortageResolution, ShortageStage } from '@askfirst/contracts';
import { OrderSnapshot } from './order-projection.model';
import { applyOrderEvent, foldsIntoProjection } from './order-projection.reducer';

const orderId = randomUUID();
const [CAKE, MILK] = [randomUUID(), randomUUID()];
const empty: OrderSnapshot = { orderId, shopperId: 's-1', storeId: null, placedAt: null, lines: [], pendingShortage: null };
const event = <T extends object>(definition: EventDefinition<T>, data: T) => createEnvelope(definition, data, { subject: orderId, correlationId: 'c' });
const shortLine = (lineId: string, name: string) => ({ lineId, sku: 'CAKE-CREAM', name, quantityOrdered: 2, quantityShort: 1, substitutes: [] });
const awaiting = (...lines: ReturnType<typeof shortLine>[]) =>
  event(Events.orderAwaitingShopperDecision, {
    orderId,
    shopperId: 's-1',
    stage: ShortageStage.PICKING,
    shortLines: lines,
    options: [ShortageResolution.REFUND_ITEM_SHIP_REST, ShortageResolution.CANCEL_ORDER],
    decisionDeadline: '2026-11-26T10:00:00.000Z',
    fallback: NoAnswerFallback.KEEP_HOLDING,
  });
const decision = (lineIds: string[], resolution: ShortageResolution) =>
  event(Events.orderDecisionRecorded, { orderId, shopperId: 's-1', decision: { decisionId: randomUUID(), source: DecisionSource.SHOPPER, resolution, lineIds } });

describe('applyOrderEvent', () => {
  it('keeps the lines of a placed order', () => {
    const policy = { choice: ShortageChoice.CONTACT_ME };
    const placed = event(Events.orderPlaced, {
      orderId, shopperId: 's-1', storeId: 'store-1', placedAt: '2026-11-26T09:00:00.000Z', policy,
      lines: [{ lineId: CAKE, sku: 'CAKE-CREAM', name: 'Cream cake', quantity: 1, unitPriceCents: 1299, policy }],
    });
    expect(applyOrderEvent(empty, placed)).toMatchObject({ storeId: 'store-1', lines: [{ lineId: CAKE, name: 'Cream cake', policy: 'CONTACT_ME' }] });
  });

  it('adds a later shortage to the open question and settles decided lines', () => {
    const first = applyOrderEvent(empty, awaiting(shortLine(CAKE, 'Cream cake')));
    const both = applyOrderEvent(first, awaiting(shortLine(MILK, 'Milk')));
    expect(both.pendingShortage?.lines.map((l) => l.lineId)).toEqual([CAKE, MILK]);
    const milkOnly = applyOrderEvent(both, decision([CAKE], ShortageResolution.REFUND_ITEM_SHIP_REST));
    expect(milkOnly.pendingShortage?.lines.map((l) => l.lineId)).toEqual([MILK]);
    expect(applyOrderEvent(milkOnly, decision([MILK], ShortageResolution.KEEP_HOLDING)).pendingShortage?.lines).toHaveLength(1);
    expect(applyOrderEvent(milkOnly, decision([MILK], ShortageResolution.CANCEL_ORDER)).pendingShortage).toBeNull();
  });

  it('clears the question when the order is cancelled and ignores facts it does not fold', () => {
    const open = applyOrderEvent(empty, awaiting(shortLine(CAKE, 'Cream cake')));
    const cancelled = event(Events.orderCancelled, {
      orderId, shopperId: 's-1', reason: 'shopper cancelled', refundAmountCents: 0,
      decision: { decisionId: randomUUID(), source: DecisionSource.SHOPPER, resolution: ShortageResolution.CANCEL_ORDER, lineIds: [CAKE] },
    });
    expect(applyOrderEvent(open, cancelled).pendingShortage).toBeNull();
    const progress = event(Events.orderReady, { orderId, shopperId: 's-1', at: '2026-11-26T09:30:00.000Z' });
    expect(applyOrderEvent(open, progress)).toBe(open);
  });

  it('names the types it folds, so the others skip reading the projection', () => {
    expect([Events.orderPlaced, Events.orderAwaitingShopperDecision, Events.orderDecisionRecorded, Events.orderCancelled].every((d) => foldsIntoProjection(d.type))).toBe(true);
    expect([Events.orderReady, Events.orderHeld, Events.notificationDeliveryFailed].some((d) => foldsIntoProjection(d.type))).toBe(false);
  });
});
