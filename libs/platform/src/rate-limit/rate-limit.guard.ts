import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { HttpRequest } from '../http/http.types';
import { ProblemException } from '../problem/problem.exception';
import { RATE_LIMIT_KEY, type RateLimitOptions } from './rate-limit.options';
import { RateLimiter } from './rate-limiter.service';

@Injectable()
export class RateLimitGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly limiter: RateLimiter,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const options = this.reflector.getAllAndOverride<RateLimitOptions | undefined>(RATE_LIMIT_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!options) return true;
    const req = context.switchToHttp().getRequest<HttpRequest>();
    const caller = req.principal ? `sub:${req.principal.sub}` : `ip:${req.ip ?? req.socket.remoteAddress ?? 'unknown'}`;
    const decision = this.limiter.hit(`${options.key}|${caller}`, options.limit, options.windowSeconds);
    if (decision.allowed) return true;
    throw new ProblemException({
      status: 429,
      detail: `Too many "${options.key}" requests: at most ${options.limit} per ${options.windowSeconds}s.`,
      headers: { 'Retry-After': String(decision.retryAfterSeconds) },
    });
  }
}
