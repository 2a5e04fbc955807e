import {
  EventEnvelope, Events, OrderAwaitingShopperDecisionV1, OrderDecisionRecordedV1, OrderPlacedV1,
} from '@askfirst/contracts';
import { PendingShortage, settleLines } from '../domain/pending-shortage';
import { OrderSnapshot } from './order-projection.model';

type Fold = (order: OrderSnapshot, data: any) => OrderSnapshot;

// The event types this service folds into the projection; every other type leaves it as it is.
const FOLDS = new Map<string, Fold>([
  [Events.orderPlaced.type, (order, d: OrderPlacedV1) => ({
    ...order,
    storeId: d.storeId,
    placedAt: new Date(d.placedAt),
    lines: d.lines.map((l) => ({ lineId: l.lineId, sku: l.sku, name: l.name, quantity: l.quantity, unitPriceCents: l.unitPriceCents, policy: l.policy.choice })),
  })],
  [Events.orderAwaitingShopperDecision.type, (order, d: OrderAwaitingShopperDecisionV1) => ({ ...order, pendingShortage: mergeShortage(order.pendingShortage, d) })],
  [Events.orderDecisionRecorded.type, (order, { decision }: OrderDecisionRecordedV1) =>
    ({ ...order, pendingShortage: settleLines(order.pendingShortage, decision.lineIds, decision.resolution) })],
  [Events.orderCancelled.type, (order) => ({ ...order, pendingShortage: null })],
]);

/** Whether applyOrderEvent can change the projection for this event type (if not, nobody needs to read it). */
export function foldsIntoProjection(type: string): boolean {
  return FOLDS.has(type);
}

/** Folds one order event into what this service keeps about the order. Unknown types change nothing. */
export function applyOrderEvent(order: OrderSnapshot, envelope: EventEnvelope): OrderSnapshot {
  const fold = FOLDS.get(envelope.type);
  return fold ? fold(order, envelope.data) : order;
}

// A second shortage on the same order adds its lines to the open question; the latest offer wins.
function mergeShortage(current: PendingShortage | null, event: OrderAwaitingShopperDecisionV1): PendingShortage {
  const fresh = event.shortLines.map((l) => ({
    lineId: l.lineId,
    sku: l.sku,
    name: l.name,
    quantityOrdered: l.quantityOrdered,
    quantityShort: l.quantityShort,
    substitutes: l.substitutes.map((s) => ({ sku: s.sku, name: s.name, available: s.available })),
    restockEta: l.restockEta,
  }));
  const ids = new Set(fresh.map((l) => l.lineId));
  return {
    lines: [...(current?.lines ?? []).filter((l) => !ids.has(l.lineId)), ...fresh],
    options: event.options,
    decisionDeadline: event.decisionDeadline,
    fallback: event.fallback,
  };
}
