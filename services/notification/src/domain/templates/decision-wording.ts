import { DecisionSource, FallbackReason, NoAnswerFallback, ShortageResolution } from '@askfirst/contracts';
import { DecisionAccount } from './notice-facts';

/** What a resolution means for the shopper, in their words. */
export function resolutionPhrase(resolution: ShortageResolution, substituteName?: string): string {
  switch (resolution) {
    case ShortageResolution.REFUND_ITEM_SHIP_REST:
      return 'refund missing items and ship the rest';
    case ShortageResolution.CANCEL_ORDER:
      return 'cancel the order';
    case ShortageResolution.SUBSTITUTE:
      return substituteName ? `replace it with ${substituteName}` : 'replace it with the closest match';
    case ShortageResolution.WAIT_FOR_RESTOCK:
      return 'wait for the item to be restocked';
    case ShortageResolution.KEEP_HOLDING:
      return 'hold the order until we reach you';
  }
}

/** The shopper's "if you can't reach me" choice, as carried by order.awaiting-shopper-decision. */
export function fallbackPhrase(fallback: string): string {
  switch (fallback) {
    case NoAnswerFallback.REFUND_ITEM_SHIP_REST:
      return resolutionPhrase(ShortageResolution.REFUND_ITEM_SHIP_REST);
    case NoAnswerFallback.CANCEL_ORDER:
      return resolutionPhrase(ShortageResolution.CANCEL_ORDER);
    case NoAnswerFallback.KEEP_HOLDING:
      return resolutionPhrase(ShortageResolution.KEEP_HOLDING);
    default:
      return fallback.toLowerCase().replace(/_/g, ' ');
  }
}

/** Who decided and why: every notice of a changed outcome says it (I1). */
export function whoDecided(decision: DecisionAccount): string {
  const phrase = resolutionPhrase(decision.resolution, decision.substituteName);
  switch (decision.source) {
    case DecisionSource.SHOPPER_PRESET:
      return `you chose at checkout: ${phrase}`;
    case DecisionSource.SHOPPER:
      return `you chose: ${phrase}`;
    case DecisionSource.AGENT_FOR_SHOPPER:
      return `as you asked our agent: ${phrase}`;
    case DecisionSource.SHOPPER_PRESET_FALLBACK:
      return `${whyFallback(decision)}: ${phrase}`;
  }
}

// Only the reason the order service gave: an older event without one gets no invented reason.
function whyFallback(decision: DecisionAccount): string {
  switch (decision.fallbackReason) {
    case FallbackReason.NO_ANSWER:
      return decision.noAnswerMinutes
        ? `you didn't answer within ${decision.noAnswerMinutes} minutes, so we applied your choice`
        : "you didn't answer in time, so we applied your choice";
    case FallbackReason.SUBSTITUTE_UNAVAILABLE:
      return "we couldn't get a replacement, so we applied your choice";
    case undefined:
      return 'we applied the fallback you chose at checkout';
  }
}
