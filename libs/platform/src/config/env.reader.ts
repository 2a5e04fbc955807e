import { ConfigError } from './config.error';

export type EnvSource = Record<string, string | undefined>;

export interface StringOptions {
  default?: string;
  // A secret's default is only used outside production; in production it must be set.
  secret?: boolean;
}
export interface IntOptions {
  default?: number;
  min?: number;
  max?: number;
}
export interface BoolOptions {
  default?: boolean;
}
export interface UrlOptions extends StringOptions {
  protocols?: string[];
}

export interface EnvReader {
  string(name: string, options?: StringOptions): string;
  optional(name: string): string | undefined;
  int(name: string, options?: IntOptions): number;
  bool(name: string, options?: BoolOptions): boolean;
  url(name: string, options?: UrlOptions): string;
  list(name: string, options?: { default?: string[] }): string[];
  isProduction(): boolean;
}

const TRUE = new Set(['true', '1', 'yes', 'on']);
const FALSE = new Set(['false', '0', 'no', 'off']);

export function createEnv(source: EnvSource = process.env): EnvReader {
  const raw = (name: string): string | undefined => {
    const value = source[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  };
  const isProduction = () => source.NODE_ENV === 'production';
  const required = <T>(name: string, fallback: T | undefined, secret = false): string | T => {
    const value = raw(name);
    if (value !== undefined) return value;
    if (fallback !== undefined && !(secret && isProduction())) return fallback;
    throw new ConfigError(name, secret && isProduction() ? 'secret is required in production' : 'is required');
  };

  return {
    isProduction,
    optional: raw,
    string: (name, options = {}) => required(name, options.default, options.secret),

    int(name, options = {}) {
      const value = required<number>(name, options.default);
      const parsed = typeof value === 'number' ? value : Number(value);
      if (!Number.isSafeInteger(parsed)) throw new ConfigError(name, `must be an integer, got "${value}"`);
      if (options.min !== undefined && parsed < options.min) throw new ConfigError(name, `must be >= ${options.min}`);
      if (options.max !== undefined && parsed > options.max) throw new ConfigError(name, `must be <= ${options.max}`);
      return parsed;
    },

    bool(name, options = {}) {
      const value = required<boolean>(name, options.default);
      if (typeof value === 'boolean') return value;
      if (TRUE.has(value.toLowerCase())) return true;
      if (FALSE.has(value.toLowerCase())) return false;
      throw new ConfigError(name, `must be a boolean (true/false), got "${value}"`);
    },

    url(name, options = {}) {
      const value = required(name, options.default, options.secret);
      let parsed: URL;
      try {
        parsed = new URL(value);
      } catch {
        // The value may hold credentials, so it is not echoed.
        throw new ConfigError(name, 'must be an absolute URL');
      }
      const protocols = options.protocols?.map((p) => p.replace(/:?$/, ':'));
      if (protocols && !protocols.includes(parsed.protocol)) {
        throw new ConfigError(name, `must use one of ${protocols.join(', ')}`);
      }
      return value;
    },

    list(name, options = {}) {
      const value = raw(name);
      if (value === undefined) {
        if (options.default !== undefined) return options.default;
        throw new ConfigError(name, 'is required');
      }
      return value.split(',').map((item) => item.trim()).filter((item) => item !== '');
    },
  };
}

// Reads process.env at call time, so tests may set variables before a module reads them.
export const env: EnvReader = createEnv(process.env);
