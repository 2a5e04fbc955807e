import { CanActivate, ExecutionContext, Inject, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { HttpRequest } from '../http/http.types';
import { AUTH_OPTIONS } from '../platform.tokens';
import { ProblemException } from '../problem/problem.exception';
import type { AuthOptions } from './auth.options';
import { InvalidTokenError } from './jwt.token';
import type { Role } from './principal.model';
import { PUBLIC_KEY } from './public.decorator';
import { ROLES_KEY } from './roles.decorator';
import { VerifiedTokens } from './verified-tokens';

const BEARER = /^Bearer\s+(\S+)$/i;

// Global guard, fail closed: a route must say @Public() or @Roles(...). Anything else is refused,
// so a forgotten decorator denies access instead of opening an endpoint.
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly logger = new Logger(AuthGuard.name);
  private readonly tokens: VerifiedTokens;

  constructor(
    private readonly reflector: Reflector,
    @Inject(AUTH_OPTIONS) options: AuthOptions,
  ) {
    this.tokens = new VerifiedTokens(options.jwtSecret);
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true; // Kafka handlers are not HTTP routes
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;

    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (!roles || roles.length === 0) {
      this.logger.error(`${context.getClass().name}.${context.getHandler().name} declares neither @Roles nor @Public`);
      throw new ProblemException({ status: 403, detail: 'This route declares no access policy.' });
    }

    const req = context.switchToHttp().getRequest<HttpRequest>();
    const token = BEARER.exec(req.headers.authorization ?? '')?.[1];
    if (!token) throw unauthorized('A bearer token is required.');
    try {
      req.principal = await this.tokens.principalOf(token);
    } catch (error) {
      if (error instanceof InvalidTokenError) throw unauthorized(error.message, 'invalid_token');
      throw error;
    }
    if (!roles.includes(req.principal.role)) {
      throw new ProblemException({ status: 403, detail: `This route requires the role ${roles.join(' or ')}.` });
    }
    return true;
  }
}

function unauthorized(detail: string, error?: string): ProblemException {
  const challenge = error ? `Bearer realm="askfirst", error="${error}"` : 'Bearer realm="askfirst"';
  return new ProblemException({ status: 401, detail, headers: { 'WWW-Authenticate': challenge } });
}
