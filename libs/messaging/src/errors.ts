/**
 * A handler throws this when retrying can never help (an event about an order this service
 * does not know, a transition the aggregate refuses): the message goes to the DLQ at once.
 */
export class UnprocessableEventError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnprocessableEventError';
  }
}
