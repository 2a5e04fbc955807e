import { SetMetadata } from '@nestjs/common';

export const PUBLIC_KEY = 'askfirst:public';

// Opt out of authentication explicitly; a route with neither @Public nor @Roles is refused.
export const Public = () => SetMetadata(PUBLIC_KEY, true);
