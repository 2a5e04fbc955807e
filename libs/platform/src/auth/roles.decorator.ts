import { SetMetadata } from '@nestjs/common';
import type { Role } from './principal.model';

export const ROLES_KEY = 'askfirst:roles';

// Which roles may call this route (or every route of a controller). Method beats class.
export const Roles = (...roles: [Role, ...Role[]]) => SetMetadata(ROLES_KEY, roles);
