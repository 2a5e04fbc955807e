import { OrderState } from '@askfirst/contracts';

/** Everything that can happen to an order; each aggregate method runs exactly one of these. */
export enum OrderCommand {
  START_RESERVING = 'START_RESERVING',
  CONFIRM_RESERVATION = 'CONFIRM_RESERVATION',
  REPORT_SHORTAGE = 'REPORT_SHORTAGE',
  DECIDE = 'DECIDE',
  APPLY_DEADLINE_FALLBACK = 'APPLY_DEADLINE_FALLBACK',
  SETTLE_SUBSTITUTION = 'SETTLE_SUBSTITUTION',
  FILL_BACKORDER = 'FILL_BACKORDER',
  /** The shopper changes their mind about a back-ordered line: refund it, or cancel the order. */
  RECONSIDER_BACKORDER = 'RECONSIDER_BACKORDER',
  RECORD_NOTICE = 'RECORD_NOTICE',
  CANCEL = 'CANCEL',
  START_PICKING = 'START_PICKING',
  MARK_READY = 'MARK_READY',
  DISPATCH = 'DISPATCH',
  DELIVER = 'DELIVER',
}

const {
  PLACED, RESERVING, CONFIRMED, PICKING, READY, DISPATCHED, DELIVERED, AWAITING_SHOPPER_DECISION: AWAITING, ON_HOLD, CANCELLED,
} = OrderState;
const C = OrderCommand;

type Table = Readonly<Record<OrderState, Readonly<Partial<Record<OrderCommand, readonly OrderState[]>>>>>;

/**
 * The whole lifecycle: for each state, the commands it accepts and the states each may end in.
 * A pair that is not listed is refused (409 through the API). Waiting states come back to the
 * progress state they interrupted, so a decision can end in any of RESERVING/CONFIRMED/PICKING/READY.
 * A shortage is accepted in every state that still holds stock for the order, READY included (a
 * recount can take units that were already packed): no shortage is ever dropped (I1).
 * A back-ordered line keeps the order from leaving the store (DISPATCH is refused by the aggregate),
 * so wherever the order can wait for a restock the shopper can change their mind about it.
 */
export const ORDER_TRANSITIONS: Table = {
  [PLACED]: {
    [C.START_RESERVING]: [RESERVING],
    [C.CANCEL]: [CANCELLED],
    [C.RECORD_NOTICE]: [PLACED],
  },
  [RESERVING]: {
    [C.CONFIRM_RESERVATION]: [CONFIRMED],
    [C.REPORT_SHORTAGE]: [RESERVING, CONFIRMED, AWAITING, CANCELLED],
    [C.SETTLE_SUBSTITUTION]: [RESERVING, CONFIRMED, ON_HOLD, CANCELLED],
    [C.FILL_BACKORDER]: [RESERVING, CONFIRMED],
    [C.RECONSIDER_BACKORDER]: [RESERVING, CANCELLED],
    [C.RECORD_NOTICE]: [RESERVING],
    [C.CANCEL]: [CANCELLED],
  },
  [CONFIRMED]: {
    [C.START_PICKING]: [PICKING],
    [C.REPORT_SHORTAGE]: [CONFIRMED, AWAITING, CANCELLED],
    [C.SETTLE_SUBSTITUTION]: [CONFIRMED, ON_HOLD, CANCELLED],
    [C.FILL_BACKORDER]: [CONFIRMED],
    [C.RECONSIDER_BACKORDER]: [CONFIRMED, CANCELLED],
    [C.RECORD_NOTICE]: [CONFIRMED],
    [C.CANCEL]: [CANCELLED],
  },
  [PICKING]: {
    [C.MARK_READY]: [READY],
    [C.REPORT_SHORTAGE]: [PICKING, AWAITING, CANCELLED],
    [C.SETTLE_SUBSTITUTION]: [PICKING, ON_HOLD, CANCELLED],
    [C.FILL_BACKORDER]: [PICKING],
    [C.RECONSIDER_BACKORDER]: [PICKING, CANCELLED],
    [C.RECORD_NOTICE]: [PICKING],
    [C.CANCEL]: [CANCELLED],
  },
  [READY]: {
    [C.DISPATCH]: [DISPATCHED],
    [C.REPORT_SHORTAGE]: [READY, AWAITING, CANCELLED],
    [C.SETTLE_SUBSTITUTION]: [READY, ON_HOLD, CANCELLED],
    [C.FILL_BACKORDER]: [READY],
    [C.RECONSIDER_BACKORDER]: [READY, CANCELLED],
    [C.RECORD_NOTICE]: [READY],
    [C.CANCEL]: [CANCELLED],
  },
  [DISPATCHED]: {
    [C.DELIVER]: [DELIVERED],
    [C.RECORD_NOTICE]: [DISPATCHED],
  },
  [DELIVERED]: {
    [C.RECORD_NOTICE]: [DELIVERED],
  },
  [AWAITING]: {
    // DECIDE in a waiting state also takes a change of mind about a back-ordered line.
    [C.DECIDE]: [AWAITING, ON_HOLD, RESERVING, CONFIRMED, PICKING, READY, CANCELLED],
    // AWAITING: lines whose own window has not passed yet still wait for the shopper.
    [C.APPLY_DEADLINE_FALLBACK]: [AWAITING, ON_HOLD, RESERVING, CONFIRMED, PICKING, READY, CANCELLED],
    [C.REPORT_SHORTAGE]: [AWAITING, CANCELLED],
    // A substitution never settles the lines that wait for the shopper: the order keeps waiting.
    [C.SETTLE_SUBSTITUTION]: [AWAITING, CANCELLED],
    [C.FILL_BACKORDER]: [AWAITING],
    [C.RECORD_NOTICE]: [AWAITING],
    [C.CANCEL]: [CANCELLED],
  },
  [ON_HOLD]: {
    [C.DECIDE]: [ON_HOLD, RESERVING, CONFIRMED, PICKING, READY, CANCELLED],
    [C.REPORT_SHORTAGE]: [ON_HOLD, AWAITING, CANCELLED],
    [C.SETTLE_SUBSTITUTION]: [ON_HOLD, CANCELLED],
    [C.FILL_BACKORDER]: [ON_HOLD],
    [C.RECORD_NOTICE]: [ON_HOLD],
    [C.CANCEL]: [CANCELLED],
  },
  [CANCELLED]: {
    [C.RECORD_NOTICE]: [CANCELLED],
  },
};

export const TERMINAL_STATES: readonly OrderState[] = [DELIVERED, CANCELLED];

/** States where somebody other than the shop floor owns the next step, with a deadline (I4). */
export const WAITING_STATES: readonly OrderState[] = [AWAITING, ON_HOLD];

export function allowedTargets(from: OrderState, command: OrderCommand): readonly OrderState[] {
  return ORDER_TRANSITIONS[from][command] ?? [];
}

export function accepts(from: OrderState, command: OrderCommand): boolean {
  return allowedTargets(from, command).length > 0;
}

export function canEndIn(from: OrderState, command: OrderCommand, to: OrderState): boolean {
  return allowedTargets(from, command).includes(to);
}
