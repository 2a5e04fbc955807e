/** How hard we try before a human takes over, and how we keep trying afterwards. */
export interface DeliveryPolicy {
  maxAttempts: number;
  backoffMs: number;
  redeliveryMs: number;
}

/** Delay before round `round + 1`: backoff doubling per round, never slower than the re-delivery pace. */
export function retryDelayMs(policy: DeliveryPolicy, round: number): number {
  const exponent = Math.max(0, Math.min(round - 1, 30));
  return Math.min(policy.backoffMs * 2 ** exponent, Math.max(policy.backoffMs, policy.redeliveryMs));
}
