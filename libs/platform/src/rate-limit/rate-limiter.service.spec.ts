import { RateLimiter } from './rate-limiter.service';

describe('RateLimiter', () => {
  afterEach(() => jest.useRealTimers());

  it('allows `limit` hits per fixed window and says when to retry', () => {
    jest.useFakeTimers({ now: 1_000_000 });
    const limiter = new RateLimiter();
    expect(limiter.hit('decision|s1', 2, 60)).toMatchObject({ allowed: true, remaining: 1 });
    expect(limiter.hit('decision|s1', 2, 60)).toMatchObject({ allowed: true, remaining: 0 });
    const refused = limiter.hit('decision|s1', 2, 60);
    expect(refused.allowed).toBe(false);
    expect(refused.retryAfterSeconds).toBe(20); // window [960s, 1020s)
    expect(limiter.hit('decision|s2', 2, 60).allowed).toBe(true); // other caller, own budget

    jest.setSystemTime(1_020_000);
    expect(limiter.hit('decision|s1', 2, 60).allowed).toBe(true);
  });
});
