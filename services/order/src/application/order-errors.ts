/** Errors of the application layer; the API maps them (and the domain's OrderRuleError) once. */
export class OrderNotFoundError extends Error {
  constructor(readonly orderId: string) {
    super(`Order ${orderId} does not exist.`);
    this.name = 'OrderNotFoundError';
  }
}

export class IdempotencyKeyReusedError extends Error {
  constructor(readonly orderId: string) {
    super('This Idempotency-Key was used for a different request body.');
    this.name = 'IdempotencyKeyReusedError';
  }
}

/** Someone saved the order between our read and our write: retrying the command re-reads it. */
export class ConcurrentOrderUpdateError extends Error {
  constructor(orderId: string) {
    super(`order ${orderId} changed while this command ran`);
    this.name = 'ConcurrentOrderUpdateError';
  }
}
