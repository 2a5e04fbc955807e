import { createHmac, timingSafeEqual } from 'node:crypto';

// The token names the link and its expiry and is signed over both; the offer itself stays in
// our database, so links stay short enough for SMS.
const PURPOSE = 'askfirst.decision-link.v1';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const MAX_TOKEN_LENGTH = 200;

export type TokenCheck =
  | { ok: true; linkId: string; expiresAt: Date }
  | { ok: false; reason: 'MALFORMED' | 'BAD_SIGNATURE' | 'EXPIRED' };

export function signDecisionToken(linkId: string, expiresAt: Date, secret: string): string {
  const exp = Math.floor(expiresAt.getTime() / 1000);
  return `${linkId}.${exp}.${signature(linkId, exp, secret)}`;
}

/** Signature first, expiry second: an expired answer is only given for a token we issued. */
export function verifyDecisionToken(token: string, secret: string, now: Date): TokenCheck {
  if (token.length > MAX_TOKEN_LENGTH) return { ok: false, reason: 'MALFORMED' };
  const parts = token.split('.');
  if (parts.length !== 3) return { ok: false, reason: 'MALFORMED' };
  const [linkId, expText, given] = parts;
  if (!UUID.test(linkId) || !/^\d{1,12}$/.test(expText) || !/^[A-Za-z0-9_-]{43}$/.test(given)) return { ok: false, reason: 'MALFORMED' };
  const exp = Number(expText);
  const expected = Buffer.from(signature(linkId, exp, secret));
  if (!timingSafeEqual(expected, Buffer.from(given))) return { ok: false, reason: 'BAD_SIGNATURE' };
  const expiresAt = new Date(exp * 1000);
  if (now.getTime() >= expiresAt.getTime()) return { ok: false, reason: 'EXPIRED' };
  return { ok: true, linkId, expiresAt };
}

function signature(linkId: string, exp: number, secret: string): string {
  return createHmac('sha256', secret).update(`${PURPOSE}.${linkId}.${exp}`).digest('base64url');
}
