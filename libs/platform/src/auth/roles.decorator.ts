import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiExtension } from '@nestjs/swagger';
import type { Role } from './principal.model';

export const ROLES_KEY = 'askfirst:roles';
// The OpenAPI extension naming the roles a route admits; tests/security reads it to send every
// other role and expect 403.
export const ROLES_EXTENSION = 'x-roles';

// Which roles may call this route (or every route of a controller). Method beats class.
// The OpenAPI document says the same: bearer security and `x-roles`.
export const Roles = (...roles: [Role, ...Role[]]) =>
  applyDecorators(SetMetadata(ROLES_KEY, roles), ApiBearerAuth(), ApiExtension(ROLES_EXTENSION, [...roles]));
