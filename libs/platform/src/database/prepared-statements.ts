import { Client, ClientConfig } from 'pg';

/**
 * Gives a statement text a name on its second use, so PostgreSQL parses and analyses it once per
 * connection instead of on every execution (it still plans each execution with its values: see
 * preparedStatementClient). Texts used once (or built for one row count) stay
 * unnamed; at most `maxNames` texts are named, since every pooled connection keeps each one.
 */
export class StatementNames {
  private readonly names = new Map<string, string>();
  private readonly seenOnce = new Set<string>();

  constructor(
    readonly maxNames = 200,
    private readonly maxSeenOnce = 2_000,
  ) {}

  /** The name for this text, or undefined while it should run unnamed. */
  nameFor(text: string): string | undefined {
    const name = this.names.get(text);
    if (name !== undefined || this.names.size >= this.maxNames) return name;
    if (!this.seenOnce.delete(text)) {
      if (this.seenOnce.size >= this.maxSeenOnce) this.seenOnce.clear();
      this.seenOnce.add(text);
      return undefined;
    }
    const named = `askfirst_${this.names.size + 1}`;
    this.names.set(text, named);
    return named;
  }

  get size(): number {
    return this.names.size;
  }
}

/** PostgreSQL's answer when a table's columns changed under a prepared `SELECT *`. */
function isStalePlan(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: string; message?: string };
  return code === '0A000' && /cached plan must not change result type/.test(message ?? '');
}

/**
 * A pg Client that runs parameterised statements as named (prepared) statements. TypeORM passes
 * every query as text plus values, so the pool's `Client` option is the one place to do it.
 *
 * After a migration changes a table's columns, a connection's prepared `SELECT *` fails once with
 * "cached plan must not change result type"; the connection then prepares every text again under
 * new names, so the caller's retry succeeds.
 */
export function preparedStatementClient(names = new StatementNames()): typeof Client {
  return class PreparedStatementClient extends Client {
    private generation = 0;

    constructor(config?: ClientConfig) {
      // Plans stay per execution (custom): a generic plan is made without the parameters' values
      // and chose sequential scans of stock, reservations and the outbox in the benchmark.
      super({ ...config, options: [config?.options, '-c plan_cache_mode=force_custom_plan'].filter(Boolean).join(' ') });
    }

    override query(...args: unknown[]): any {
      const [text, values, callback] = args;
      const name = typeof text === 'string' && Array.isArray(values) && values.length > 0 && callback === undefined ? names.nameFor(text) : undefined;
      if (name === undefined) return (super.query as (...a: unknown[]) => unknown)(...args);
      const generation = this.generation;
      return super.query({ name: generation ? `${name}_${generation}` : name, text: text as string, values: values as unknown[] }).catch((error: unknown) => {
        if (isStalePlan(error) && this.generation === generation) this.generation++;
        throw error;
      });
    }
  };
}
