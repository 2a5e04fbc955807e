import { assertOwner, Principal } from '@askfirst/platform';
import { AuthorizeShopper } from '../application/order-view';
import { InvalidOrderRequestException, NotYourShopperException, OrderErrorCode } from './order.exceptions';

/**
 * The shopper a request acts for. A shopper token acts only for itself; a service token (the
 * notification service answering through a decision link) must name the shopper.
 */
export function actingShopper(principal: Principal, named: string | undefined): string {
  if (principal.role === 'shopper') {
    if (named !== undefined && named !== principal.shopperId) throw new NotYourShopperException('A shopper can only act for themselves.');
    return principal.shopperId!;
  }
  if (!named) throw new InvalidOrderRequestException(`A ${principal.role} token must name the shopper (shopperId).`, OrderErrorCode.SHOPPER_ID_REQUIRED);
  return named;
}

/** Object-level check once the order is loaded: its shopper must be the one the caller acts for. */
export function authorizeFor(principal: Principal, shopperId?: string): AuthorizeShopper {
  return (owner) => {
    assertOwner(principal, owner);
    if (shopperId !== undefined && owner !== shopperId) throw new NotYourShopperException('This order belongs to another shopper.');
  };
}
