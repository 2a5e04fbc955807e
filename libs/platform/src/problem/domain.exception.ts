// Base of every service's business errors. A service declares a string enum of codes and one
// subclass per case; the filter maps them once to problem+json, so use cases never see HTTP.
//
//   export enum OrderErrorCode { ORDER_NOT_FOUND = 'ORDER_NOT_FOUND' }
//   export class OrderNotFoundException extends DomainException<OrderErrorCode> {
//     readonly status = 404;
//     constructor(orderId: string) { super(OrderErrorCode.ORDER_NOT_FOUND, `Order ${orderId} does not exist`); }
//   }
export abstract class DomainException<TCode extends string = string> extends Error {
  abstract readonly status: number;

  constructor(
    readonly code: TCode,
    readonly detail: string,
    // Extra members for the problem body (e.g. `current` state for a conflict).
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(detail);
    this.name = new.target.name;
  }

  // "ORDER_NOT_FOUND" -> "Order not found"; override with a getter for a better title.
  get title(): string {
    const words = this.code.toLowerCase().replace(/[_-]+/g, ' ').trim();
    return words.charAt(0).toUpperCase() + words.slice(1);
  }

  // "ORDER_NOT_FOUND" -> "order-not-found", used in the problem `type` URN.
  get typeSlug(): string {
    return this.code.toLowerCase().replace(/[_\s]+/g, '-');
  }
}
