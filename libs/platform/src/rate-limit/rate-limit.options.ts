export interface RateLimitOptions {
  // Names the budget; routes sharing a key share the count (e.g. "decision").
  key: string;
  limit: number;
  windowSeconds: number;
}

export const RATE_LIMIT_KEY = 'askfirst:rate-limit';
