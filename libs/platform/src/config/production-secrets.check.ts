import { ConfigError } from './config.error';
import { DEV_SECRET_DEFAULTS } from './dev-secrets.constants';
import type { EnvSource } from './env.reader';

// Called by startService before anything listens: a production pod with a missing or dev secret
// must crash at startup, not sign tokens anyone can forge.
export function assertProductionSecrets(names: readonly string[], source: EnvSource = process.env): void {
  if (source.NODE_ENV !== 'production') return;
  for (const name of names) {
    const value = source[name]?.trim();
    if (!value) throw new ConfigError(name, 'secret is required in production');
    if (DEV_SECRET_DEFAULTS.has(value)) throw new ConfigError(name, 'secret equals a known dev default');
  }
}
