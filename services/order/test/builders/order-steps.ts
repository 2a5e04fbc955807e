import { DecisionSource, Events, NoAnswerFallback, ShortageChoice, ShortageResolution, ShortageStage, validatePayload } from '@askfirst/contracts';
import { Decision } from '../../src/domain/decision';
import { OrderEvent } from '../../src/domain/order-events';
import { Order, OrderSnapshot, ShortageReport } from '../../src/domain/order.aggregate';
import { presetDecisions } from '../../src/domain/shortage-policy';
import { orderSnapshot, T0 } from './order-snapshot.builder';

/** Steps the aggregate's unit specs take, at a fixed clock, so each test states only what matters to it. */
export const NOW = new Date(T0.getTime() + 60_000);
export const later = (ms: number) => new Date(NOW.getTime() + ms);
export const rules = { decisionWindowScale: 1, holdReviewMinutes: 30 };

export function order(overrides: Partial<OrderSnapshot> = {}): Order {
  return Order.rehydrate(orderSnapshot(overrides), rules);
}

/** Every event must be a valid contract payload: the outbox would refuse it otherwise. */
export function drain(o: Order): OrderEvent[] {
  const events = o.pullEvents();
  for (const e of events) expect(validatePayload(Events[e.key] as never, e.data as never)).toBeUndefined();
  return events;
}

/** Inventory reports these lines short; the shopper's checkout presets apply. */
export function shortage(o: Order, lines: ShortageReport['lines'], stage = ShortageStage.PICKING, reservedLineIds: string[] = []): void {
  o.reportShortage({ stage, lines, reservedLineIds }, presetDecisions(lines.map((l) => o.policyLine(l.lineId)), NOW), NOW);
}

export const short = (lineId: string, quantityShort: number) => ({ lineId, quantityShort, substitutes: [] });
export const keys = (events: OrderEvent[]) => events.map((e) => e.key);
export const decision = (source: DecisionSource, resolution: ShortageResolution, lineIds: string[], substituteSku?: string) =>
  Decision.record({ source, resolution, lineIds, substituteSku, decidedAt: NOW });
export const lineOf = (o: Order, id: string) => o.snapshot().lines.find((l) => l.id === id)!;
export const deadlines = (o: Order) => Object.fromEntries(o.snapshot().lines.map((l) => [l.id, l.decisionDeadline]));
export const contact = (ifNoAnswerWithinMinutes: number, thenFallback: NoAnswerFallback) =>
  ({ choice: ShortageChoice.CONTACT_ME, ifNoAnswerWithinMinutes, thenFallback });
