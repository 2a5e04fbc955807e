import { applyDecorators, SetMetadata, UseGuards } from '@nestjs/common';
import { RATE_LIMIT_KEY, type RateLimitOptions } from './rate-limit.options';
import { RateLimitGuard } from './rate-limit.guard';

// Per-principal (per-IP on public routes) fixed-window limit; over it the route answers 429 with
// Retry-After. Runs after the global AuthGuard, so the principal is known.
export const RateLimit = (options: RateLimitOptions) =>
  applyDecorators(SetMetadata(RATE_LIMIT_KEY, options), UseGuards(RateLimitGuard));
