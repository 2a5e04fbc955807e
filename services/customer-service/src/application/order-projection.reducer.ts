import {
  EventEnvelope, Events, OrderAwaitingShopperDecisionV1, OrderDecisionRecordedV1, OrderPlacedV1,
} from '@askfirst/contracts';
import { PendingShortage, settleLines } from '../domain/pending-shortage';
import { OrderSnapshot } from './order-projection.model';

/** Folds one order event into what this service keeps about the order. Unknown types change nothing. */
export function applyOrderEvent(order: OrderSnapshot, envelope: EventEnvelope): OrderSnapshot {
  switch (envelope.type) {
    case Events.orderPlaced.type: {
      const d = envelope.data as OrderPlacedV1;
      return {
        ...order,
        storeId: d.storeId,
        placedAt: new Date(d.placedAt),
        lines: d.lines.map((l) => ({ lineId: l.lineId, sku: l.sku, name: l.name, quantity: l.quantity, unitPriceCents: l.unitPriceCents, policy: l.policy.choice })),
      };
    }
    case Events.orderAwaitingShopperDecision.type:
      return { ...order, pendingShortage: mergeShortage(order.pendingShortage, envelope.data as OrderAwaitingShopperDecisionV1) };
    case Events.orderDecisionRecorded.type: {
      const { decision } = envelope.data as OrderDecisionRecordedV1;
      return { ...order, pendingShortage: settleLines(order.pendingShortage, decision.lineIds, decision.resolution) };
    }
    case Events.orderCancelled.type:
      return { ...order, pendingShortage: null };
    default:
      return order;
  }
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
