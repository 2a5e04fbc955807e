import { DomainException, StateConflictException } from '@askfirst/platform';
import { OrderConflictView } from '../domain/order-errors';

export enum OrderErrorCode {
  ORDER_NOT_FOUND = 'ORDER_NOT_FOUND',
  TRANSITION_NOT_ALLOWED = 'TRANSITION_NOT_ALLOWED',
  DECISION_CONFLICT = 'DECISION_CONFLICT',
  CONCURRENT_UPDATE = 'CONCURRENT_UPDATE',
  IDEMPOTENCY_KEY_REUSED = 'IDEMPOTENCY_KEY_REUSED',
  INVALID_ORDER_REQUEST = 'INVALID_ORDER_REQUEST',
  SHOPPER_ID_REQUIRED = 'SHOPPER_ID_REQUIRED',
  NOT_YOUR_SHOPPER = 'NOT_YOUR_SHOPPER',
}

export class OrderNotFoundException extends DomainException<OrderErrorCode> {
  readonly status = 404;
  constructor(orderId: string) {
    super(OrderErrorCode.ORDER_NOT_FOUND, `Order ${orderId} does not exist.`);
  }
}

/** 409 with the order's current state, version and waiting lines, so the client can refresh and decide. */
export class OrderStateConflictException extends StateConflictException<OrderErrorCode> {
  constructor(code: OrderErrorCode.TRANSITION_NOT_ALLOWED | OrderErrorCode.DECISION_CONFLICT | OrderErrorCode.CONCURRENT_UPDATE, detail: string, current?: OrderConflictView) {
    super(code, detail, current ?? null);
  }
}

export class IdempotencyKeyReusedException extends DomainException<OrderErrorCode> {
  readonly status = 409;
  constructor(orderId: string) {
    super(OrderErrorCode.IDEMPOTENCY_KEY_REUSED, 'This Idempotency-Key was already used with a different request body.', { orderId });
  }
}

export class InvalidOrderRequestException extends DomainException<OrderErrorCode> {
  readonly status = 400;
  constructor(detail: string, code = OrderErrorCode.INVALID_ORDER_REQUEST) {
    super(code, detail);
  }
}

export class NotYourShopperException extends DomainException<OrderErrorCode> {
  readonly status = 403;
  constructor(detail: string) {
    super(OrderErrorCode.NOT_YOUR_SHOPPER, detail);
  }
}
