import { createHmac } from 'node:crypto';

export const SIGNATURE_HEADER = 'X-Askfirst-Signature';

/** `sha256=<hex>` of HMAC-SHA256 over the exact body bytes; receivers recompute and compare. */
export function signWebhookBody(body: string | Buffer, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}
