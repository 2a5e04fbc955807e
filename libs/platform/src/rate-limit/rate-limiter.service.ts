import { Injectable } from '@nestjs/common';

export interface RateLimitDecision {
  allowed: boolean;
  remaining: number;
  retryAfterSeconds: number;
}

interface Window {
  endsAt: number;
  count: number;
}

const SWEEP_EVERY_MS = 60_000;

// Fixed-window counter held in memory: limits are per replica, so with N replicas a caller gets
// up to N x limit. Good enough to stop a stuck client hammering decide/cancel; an exact global
// limit would need a shared store (Redis, Postgres).
@Injectable()
export class RateLimiter {
  private readonly windows = new Map<string, Window>();
  private nextSweepAt = 0;

  hit(key: string, limit: number, windowSeconds: number): RateLimitDecision {
    const now = Date.now();
    this.sweep(now);
    const windowMs = windowSeconds * 1000;
    let window = this.windows.get(key);
    if (!window || window.endsAt <= now) {
      window = { endsAt: (Math.floor(now / windowMs) + 1) * windowMs, count: 0 };
      this.windows.set(key, window);
    }
    window.count += 1;
    return {
      allowed: window.count <= limit,
      remaining: Math.max(0, limit - window.count),
      retryAfterSeconds: Math.max(1, Math.ceil((window.endsAt - now) / 1000)),
    };
  }

  // Drops finished windows now and then, so callers that went quiet do not accumulate.
  private sweep(now: number): void {
    if (now < this.nextSweepAt) return;
    this.nextSweepAt = now + SWEEP_EVERY_MS;
    for (const [key, window] of this.windows) {
      if (window.endsAt <= now) this.windows.delete(key);
    }
  }
}
