import { DecisionSource, FallbackReason, NoAnswerFallback, ShortageChoice, ShortageResolution } from '@askfirst/contracts';
import { Decision } from './decision';
import { OrderRuleCode, OrderRuleError } from './order-errors';

/** The shopper's standing instruction for a shortage, for the whole order or one line. */
export interface ShortagePolicy {
  choice: ShortageChoice;
  substituteSku?: string;
  ifNoAnswerWithinMinutes?: number;
  thenFallback?: NoAnswerFallback;
}

export const MAX_DECISION_WINDOW_MINUTES = 24 * 60;

/**
 * Checks a policy and makes its fallback explicit, so what is stored is exactly what the shopper
 * agreed to. CONTACT_ME must say how long and what then (no invented default: I1); SUBSTITUTE's
 * documented default when nothing can be held is REFUND_ITEM_SHIP_REST.
 */
export function normalizePolicy(policy: ShortagePolicy): ShortagePolicy {
  const { choice, substituteSku, ifNoAnswerWithinMinutes, thenFallback } = policy;
  switch (choice) {
    case ShortageChoice.CONTACT_ME:
      if (!Number.isInteger(ifNoAnswerWithinMinutes) || ifNoAnswerWithinMinutes! < 1 || ifNoAnswerWithinMinutes! > MAX_DECISION_WINDOW_MINUTES) {
        throw invalid(`CONTACT_ME needs ifNoAnswerWithin between 1 and ${MAX_DECISION_WINDOW_MINUTES} minutes`);
      }
      if (!thenFallback) throw invalid('CONTACT_ME needs thenFallback: REFUND_ITEM_SHIP_REST, CANCEL_ORDER or KEEP_HOLDING');
      if (substituteSku) throw invalid('substituteSku only goes with SUBSTITUTE');
      return { choice, ifNoAnswerWithinMinutes, thenFallback };
    case ShortageChoice.SUBSTITUTE:
      if (ifNoAnswerWithinMinutes !== undefined) throw invalid('ifNoAnswerWithin only goes with CONTACT_ME');
      return { choice, ...(substituteSku ? { substituteSku } : {}), thenFallback: thenFallback ?? NoAnswerFallback.REFUND_ITEM_SHIP_REST };
    case ShortageChoice.REFUND_ITEM_SHIP_REST:
    case ShortageChoice.CANCEL_ORDER:
      if (substituteSku || ifNoAnswerWithinMinutes !== undefined || thenFallback) {
        throw invalid(`${choice} takes no substituteSku, ifNoAnswerWithin or thenFallback`);
      }
      return { choice };
    default:
      throw invalid(`unknown shortage choice ${String(choice)}`);
  }
}

export interface PolicyLine {
  id: string;
  policy: ShortagePolicy;
}

/**
 * The decisions the shopper's checkout preset makes for newly short lines (source SHOPPER_PRESET).
 * CONTACT_ME lines get none: they wait for the shopper. A CANCEL_ORDER line cancels the whole
 * order, so it is the only decision then.
 */
export function presetDecisions(shortLines: readonly PolicyLine[], now: Date): Decision[] {
  const byChoice = (choice: ShortageChoice) => shortLines.filter((l) => l.policy.choice === choice);
  const preset = (resolution: ShortageResolution, lines: readonly PolicyLine[], substituteSku?: string) =>
    Decision.record({ source: DecisionSource.SHOPPER_PRESET, resolution, lineIds: lines.map((l) => l.id), substituteSku, decidedAt: now });

  const cancelling = byChoice(ShortageChoice.CANCEL_ORDER);
  if (cancelling.length) return [preset(ShortageResolution.CANCEL_ORDER, cancelling)];

  const decisions: Decision[] = [];
  const refunding = byChoice(ShortageChoice.REFUND_ITEM_SHIP_REST);
  if (refunding.length) decisions.push(preset(ShortageResolution.REFUND_ITEM_SHIP_REST, refunding));
  // One substitution decision per named SKU (and one for "best match"): a decision has one SKU.
  const bySku = new Map<string | undefined, PolicyLine[]>();
  for (const line of byChoice(ShortageChoice.SUBSTITUTE)) {
    bySku.set(line.policy.substituteSku, [...(bySku.get(line.policy.substituteSku) ?? []), line]);
  }
  for (const [sku, lines] of bySku) decisions.push(preset(ShortageResolution.SUBSTITUTE, lines, sku));
  return decisions;
}

/** How long this line waits for the shopper's answer before its own fallback applies (CONTACT_ME). */
export function contactWindowMinutes(policy: ShortagePolicy): number {
  return policy.ifNoAnswerWithinMinutes ?? MAX_DECISION_WINDOW_MINUTES;
}

/**
 * What the shopper said should happen if nobody reaches them (source SHOPPER_PRESET_FALLBACK).
 * A line without a stored fallback is held, never refunded: holding moves no money.
 */
export function deadlineFallbackDecisions(waitingLines: readonly PolicyLine[], now: Date): Decision[] {
  const groups = new Map<NoAnswerFallback, PolicyLine[]>();
  for (const line of waitingLines) {
    const fallback = line.policy.thenFallback ?? NoAnswerFallback.KEEP_HOLDING;
    groups.set(fallback, [...(groups.get(fallback) ?? []), line]);
  }
  const fallback = (f: NoAnswerFallback, lines: readonly PolicyLine[]) => fallbackDecision(f, lines, FallbackReason.NO_ANSWER, now);

  const cancelling = groups.get(NoAnswerFallback.CANCEL_ORDER);
  if (cancelling) return [fallback(NoAnswerFallback.CANCEL_ORDER, cancelling)];
  // Refunds first, holding last: the order ends ON_HOLD only for lines still waiting.
  return [NoAnswerFallback.REFUND_ITEM_SHIP_REST, NoAnswerFallback.KEEP_HOLDING]
    .filter((f) => groups.has(f))
    .map((f) => fallback(f, groups.get(f)!));
}

/** A substitute could not be held: the line falls to the shopper's own fallback. */
export function substituteFallbackDecision(line: PolicyLine, now: Date): Decision {
  const f = line.policy.thenFallback ?? NoAnswerFallback.REFUND_ITEM_SHIP_REST;
  return fallbackDecision(f, [line], FallbackReason.SUBSTITUTE_UNAVAILABLE, now);
}

function fallbackDecision(f: NoAnswerFallback, lines: readonly PolicyLine[], fallbackReason: FallbackReason, now: Date): Decision {
  return Decision.record({
    source: DecisionSource.SHOPPER_PRESET_FALLBACK, resolution: resolutionOf(f), lineIds: lines.map((l) => l.id), fallbackReason, decidedAt: now,
  });
}

function resolutionOf(fallback: NoAnswerFallback): ShortageResolution {
  switch (fallback) {
    case NoAnswerFallback.REFUND_ITEM_SHIP_REST:
      return ShortageResolution.REFUND_ITEM_SHIP_REST;
    case NoAnswerFallback.CANCEL_ORDER:
      return ShortageResolution.CANCEL_ORDER;
    case NoAnswerFallback.KEEP_HOLDING:
      return ShortageResolution.KEEP_HOLDING;
  }
}

function invalid(detail: string): OrderRuleError {
  return new OrderRuleError(OrderRuleCode.INVALID_POLICY, detail);
}
