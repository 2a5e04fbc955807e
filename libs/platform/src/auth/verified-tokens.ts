import { verifyTokenClaims, VerifiedToken } from './jwt.token';
import type { Principal } from './principal.model';

/**
 * The tokens this process has verified, each until its expiry. An app sends the same bearer token
 * with every request, and checking an HS256 signature is a WebCrypto job each time (3 % of the
 * order service's CPU in the benchmark). Only a token that verified against this instance's secret
 * is remembered, so the same string is accepted for exactly as long as jose would accept it.
 */
export class VerifiedTokens {
  private readonly known = new Map<string, VerifiedToken>();

  constructor(
    private readonly secret: string,
    private readonly maxEntries = 5_000,
    private readonly now: () => number = Date.now,
    private readonly verify: (token: string, secret: string) => Promise<VerifiedToken> = verifyTokenClaims,
  ) {}

  /** The token's principal (a copy: callers may attach it to their request); throws InvalidTokenError. */
  async principalOf(token: string): Promise<Principal> {
    const now = this.now();
    const known = this.known.get(token);
    if (known && now < known.expiresAtMs) return { ...known.principal };
    this.known.delete(token);
    const verified = await this.verify(token, this.secret);
    if (verified.notBeforeMs === undefined || verified.notBeforeMs <= now) {
      // The oldest entry makes room: Map keeps insertion order.
      if (this.known.size >= this.maxEntries) this.known.delete(this.known.keys().next().value!);
      this.known.set(token, verified);
    }
    return { ...verified.principal };
  }

  get size(): number {
    return this.known.size;
  }
}
