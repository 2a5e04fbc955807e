import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';

export const PUBLIC_KEY = 'askfirst:public';
// Marks a public route in the OpenAPI document (it declares no security requirement).
export const PUBLIC_EXTENSION = 'x-public';

// Opt out of authentication explicitly; a route with neither @Public nor @Roles is refused.
export const Public = () => applyDecorators(SetMetadata(PUBLIC_KEY, true), ApiExtension(PUBLIC_EXTENSION, true));
