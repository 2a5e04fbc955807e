import { Inject, Injectable } from '@nestjs/common';
import { ProblemException, RateLimiter } from '@askfirst/platform';

export const DECISION_RATE_LIMIT = Symbol('askfirst:order-decision-rate-limit');

/**
 * Per-shopper budget for decisions and cancellations. The platform's @RateLimit counts per token
 * subject, which would make every shopper answering through the notification service share one
 * budget; this counts per shopper, whoever carries the request.
 */
@Injectable()
export class ShopperRateLimit {
  constructor(private readonly limiter: RateLimiter, @Inject(DECISION_RATE_LIMIT) private readonly perMinute: number) {}

  check(budget: 'decision', shopperId: string): void {
    const hit = this.limiter.hit(`order-${budget}|shopper:${shopperId}`, this.perMinute, 60);
    if (!hit.allowed) {
      throw new ProblemException({
        status: 429, detail: `Too many ${budget} requests for this shopper; retry in ${hit.retryAfterSeconds} s.`,
        headers: { 'Retry-After': String(hit.retryAfterSeconds) },
      });
    }
  }
}
