import { OrderState } from '@askfirst/contracts';
import { OrderCommand } from './order-state-machine';

export enum OrderRuleCode {
  TRANSITION_NOT_ALLOWED = 'TRANSITION_NOT_ALLOWED',
  DECISION_CONFLICT = 'DECISION_CONFLICT',
  UNKNOWN_LINE = 'UNKNOWN_LINE',
  INVALID_DECISION = 'INVALID_DECISION',
  INVALID_POLICY = 'INVALID_POLICY',
  INVALID_ORDER = 'INVALID_ORDER',
  INVALID_INVENTORY_FACT = 'INVALID_INVENTORY_FACT',
}

/** What a client needs to refresh and decide again without a second call. */
export interface OrderConflictView {
  orderId: string;
  state: OrderState;
  version: number;
  waitingLineIds: string[];
  /** Lines the shopper chose to wait for a restock of: they hold up dispatch, and the shopper may change their mind. */
  backorderedLineIds: string[];
  decisionDeadline?: string;
}

/**
 * A rule of the order refused a command. `conflict` errors depend on the current state (409);
 * the others are wrong whatever the state (400 for a request, dead letter for an event).
 */
export class OrderRuleError extends Error {
  constructor(
    readonly code: OrderRuleCode,
    message: string,
    readonly current?: OrderConflictView,
  ) {
    super(message);
    this.name = 'OrderRuleError';
  }

  get isConflict(): boolean {
    return this.code === OrderRuleCode.TRANSITION_NOT_ALLOWED || this.code === OrderRuleCode.DECISION_CONFLICT;
  }

  static transitionNotAllowed(command: OrderCommand, current: OrderConflictView, hint?: string): OrderRuleError {
    return new OrderRuleError(OrderRuleCode.TRANSITION_NOT_ALLOWED, `${command} is not allowed while the order is ${current.state}.${hint ? ` ${hint}` : ''}`, current);
  }

  static decisionConflict(detail: string, current: OrderConflictView): OrderRuleError {
    return new OrderRuleError(OrderRuleCode.DECISION_CONFLICT, detail, current);
  }
}
