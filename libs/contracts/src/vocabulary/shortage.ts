/** What the shopper chose at checkout for a shortage (per order, optionally per line). */
export enum ShortageChoice {
  CONTACT_ME = 'CONTACT_ME',
  REFUND_ITEM_SHIP_REST = 'REFUND_ITEM_SHIP_REST',
  CANCEL_ORDER = 'CANCEL_ORDER',
  SUBSTITUTE = 'SUBSTITUTE',
}

/** What applies when a CONTACT_ME shopper does not answer in time; still the shopper's own choice. */
export enum NoAnswerFallback {
  REFUND_ITEM_SHIP_REST = 'REFUND_ITEM_SHIP_REST',
  CANCEL_ORDER = 'CANCEL_ORDER',
  KEEP_HOLDING = 'KEEP_HOLDING',
}

/** The resolutions a shopper (or an agent speaking for them) can pick for short lines. */
export enum ShortageResolution {
  WAIT_FOR_RESTOCK = 'WAIT_FOR_RESTOCK',
  SUBSTITUTE = 'SUBSTITUTE',
  REFUND_ITEM_SHIP_REST = 'REFUND_ITEM_SHIP_REST',
  CANCEL_ORDER = 'CANCEL_ORDER',
  KEEP_HOLDING = 'KEEP_HOLDING',
}

/**
 * Who decided. I1: there is deliberately no SYSTEM value — nothing changes what a
 * shopper gets or pays without one of these.
 */
export enum DecisionSource {
  SHOPPER_PRESET = 'SHOPPER_PRESET',
  SHOPPER = 'SHOPPER',
  AGENT_FOR_SHOPPER = 'AGENT_FOR_SHOPPER',
  SHOPPER_PRESET_FALLBACK = 'SHOPPER_PRESET_FALLBACK',
}

/**
 * Why a fallback decision (SHOPPER_PRESET_FALLBACK) was applied, so the shopper is told the real
 * reason: the contact window passed unanswered, or no substitute could be held.
 */
export enum FallbackReason {
  NO_ANSWER = 'NO_ANSWER',
  SUBSTITUTE_UNAVAILABLE = 'SUBSTITUTE_UNAVAILABLE',
}

/** Where a shortage was found. */
export enum ShortageStage {
  RESERVATION = 'RESERVATION',
  PICKING = 'PICKING',
}

/** Why picking or a stock count reduced on-hand. */
export enum StockAdjustmentReason {
  MISSING = 'MISSING',
  DAMAGED = 'DAMAGED',
  RECOUNT = 'RECOUNT',
  RESTOCK = 'RESTOCK',
}
