import { DomainException } from './domain.exception';
import { StateConflictException } from './state-conflict.exception';

enum OrderErrorCode {
  ORDER_NOT_FOUND = 'ORDER_NOT_FOUND',
  TRANSITION_NOT_ALLOWED = 'TRANSITION_NOT_ALLOWED',
}
class OrderNotFound extends DomainException<OrderErrorCode> {
  readonly status = 404;
  constructor(id: string) {
    super(OrderErrorCode.ORDER_NOT_FOUND, `Order ${id} does not exist`);
  }
}
class TransitionNotAllowed extends StateConflictException<OrderErrorCode> {
  constructor(current: { state: string }) {
    super(OrderErrorCode.TRANSITION_NOT_ALLOWED, 'Cannot cancel a dispatched order', current);
  }
}

describe('DomainException', () => {
  it('derives a title and a type slug from the code', () => {
    const error = new OrderNotFound('o-1');
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('OrderNotFound');
    expect(error.status).toBe(404);
    expect(error.title).toBe('Order not found');
    expect(error.typeSlug).toBe('order-not-found');
  });

  it('StateConflictException is a 409 carrying the current state', () => {
    const error = new TransitionNotAllowed({ state: 'DISPATCHED' });
    expect(error.status).toBe(409);
    expect(error.extensions).toEqual({ current: { state: 'DISPATCHED' } });
  });
});
