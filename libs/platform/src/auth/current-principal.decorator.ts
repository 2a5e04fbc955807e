import { createParamDecorator, ExecutionContext, UnauthorizedException } from '@nestjs/common';
import type { HttpRequest } from '../http/http.types';
import type { Principal } from './principal.model';

// The caller on a @Roles route. On a @Public route there is no principal, and asking for one
// is a programming error that surfaces as 401 rather than a silent undefined.
export const CurrentPrincipal = createParamDecorator((_data: unknown, ctx: ExecutionContext): Principal => {
  const principal = ctx.switchToHttp().getRequest<HttpRequest>().principal;
  if (!principal) throw new UnauthorizedException('No authenticated principal on this route.');
  return principal;
});
