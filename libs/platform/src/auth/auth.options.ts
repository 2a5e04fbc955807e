import { DEV_JWT_SECRET } from '../config/dev-secrets.constants';
import { env } from '../config/env.reader';

export interface AuthOptions {
  jwtSecret: string;
}

// JWT_SECRET from the environment; the dev default is refused in production by env.string.
export function authOptionsFromEnv(): AuthOptions {
  return { jwtSecret: env.string('JWT_SECRET', { default: DEV_JWT_SECRET, secret: true }) };
}
