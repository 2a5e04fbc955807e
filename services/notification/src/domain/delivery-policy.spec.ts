import { retryDelayMs } from './delivery-policy';

describe('retryDelayMs', () => {
  const policy = { maxAttempts: 5, backoffMs: 500, redeliveryMs: 300_000 };

  it('doubles per round from the base backoff', () => {
    expect([1, 2, 3, 4, 5].map((round) => retryDelayMs(policy, round))).toEqual([500, 1000, 2000, 4000, 8000]);
  });

  it('is never slower than the re-delivery pace, even for huge rounds', () => {
    expect(retryDelayMs(policy, 100)).toBe(300_000);
    expect(retryDelayMs({ ...policy, redeliveryMs: 50 }, 3)).toBe(500);
  });
});
