import { webcrypto } from 'node:crypto';
import { errors, jwtVerify, SignJWT } from 'jose';
import { isRole, type Principal } from './principal.model';

export const JWT_ISSUER = 'askfirst';
const ALGORITHM = 'HS256';

export type TokenClaims = Principal;

export class InvalidTokenError extends Error {
  constructor(
    message: string,
    readonly expired = false,
  ) {
    super(message);
    this.name = 'InvalidTokenError';
  }
}

/**
 * The secret imported once as a WebCrypto key: given the raw bytes, jose imports them again for
 * every token, which cost a third of each verification's CPU and left native key objects for the
 * garbage collector (resident memory grew by megabytes per thousand new tokens).
 */
const keys = new Map<string, Promise<webcrypto.CryptoKey>>();
function keyOf(secret: string): Promise<webcrypto.CryptoKey> {
  let key = keys.get(secret);
  if (!key) {
    key = webcrypto.subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
    key.catch(() => keys.delete(secret));
    keys.set(secret, key);
  }
  return key;
}

// Mints an HS256 bearer token. ttl is seconds or a jose duration ("15m", "2h").
// Used by tools, tests and the local demo; production tokens come from the identity provider.
export async function mintToken(claims: TokenClaims, secret: string, ttl: number | string = '1h'): Promise<string> {
  const { sub, ...rest } = claims;
  const expiresIn = typeof ttl === 'number' ? `${ttl}s` : ttl;
  return new SignJWT({ ...rest })
    .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT' })
    .setSubject(sub)
    .setIssuer(JWT_ISSUER)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(await keyOf(secret));
}

// Verifies signature, algorithm, issuer and expiry (which must be present), then checks the claims' shape.
export async function verifyToken(token: string, secret: string): Promise<Principal> {
  return (await verifyTokenClaims(token, secret)).principal;
}

/** A verified token's principal, and until when it holds (its `exp`; `nbf` if it has one). */
export interface VerifiedToken {
  principal: Principal;
  expiresAtMs: number;
  notBeforeMs?: number;
}

export async function verifyTokenClaims(token: string, secret: string): Promise<VerifiedToken> {
  let payload: Record<string, unknown>;
  try {
    // exp is required: a token minted without one would otherwise be valid forever.
    ({ payload } = await jwtVerify(token, await keyOf(secret), { algorithms: [ALGORITHM], issuer: JWT_ISSUER, requiredClaims: ['exp'] }));
  } catch (error) {
    if (error instanceof errors.JWTExpired) throw new InvalidTokenError('The token has expired.', true);
    throw new InvalidTokenError('The token is invalid.');
  }
  const { sub, role, shopperId, agentId, exp, nbf } = payload;
  if (typeof sub !== 'string' || sub === '' || !isRole(role)) {
    throw new InvalidTokenError('The token lacks a subject or a known role.');
  }
  const principal: Principal = { sub, role };
  if (role === 'shopper') principal.shopperId = typeof shopperId === 'string' ? shopperId : sub;
  else if (typeof shopperId === 'string') principal.shopperId = shopperId;
  if (typeof agentId === 'string') principal.agentId = agentId;
  return { principal, expiresAtMs: (exp as number) * 1000, ...(typeof nbf === 'number' && { notBeforeMs: nbf * 1000 }) };
}
