import { signDecisionToken, verifyDecisionToken } from './decision-link-token';

describe('decision link tokens', () => {
  const secret = 'test-secret';
  const linkId = '7d1e5a40-5f4e-4a39-9d7b-3c2f1e0a9b88';
  const now = new Date('2026-11-26T10:00:00Z');
  const expiresAt = new Date('2026-11-26T10:10:00Z');
  const token = signDecisionToken(linkId, expiresAt, secret);

  it('verifies what it signed, with the link id and expiry', () => {
    expect(verifyDecisionToken(token, secret, now)).toEqual({ ok: true, linkId, expiresAt });
  });

  it('expires at the deadline', () => {
    expect(verifyDecisionToken(token, secret, new Date(expiresAt.getTime() - 1)).ok).toBe(true);
    expect(verifyDecisionToken(token, secret, expiresAt)).toEqual({ ok: false, reason: 'EXPIRED' });
  });

  it('refuses a changed link id, expiry or signature, and another secret', () => {
    const [, exp, sig] = token.split('.');
    const otherLink = '7d1e5a40-5f4e-4a39-9d7b-3c2f1e0a9b89';
    expect(verifyDecisionToken(`${otherLink}.${exp}.${sig}`, secret, now)).toEqual({ ok: false, reason: 'BAD_SIGNATURE' });
    expect(verifyDecisionToken(`${linkId}.${Number(exp) + 86_400}.${sig}`, secret, now)).toEqual({ ok: false, reason: 'BAD_SIGNATURE' });
    const flipped = `${sig.slice(0, 10)}${sig[10] === 'A' ? 'B' : 'A'}${sig.slice(11)}`;
    expect(verifyDecisionToken(`${linkId}.${exp}.${flipped}`, secret, now)).toEqual({ ok: false, reason: 'BAD_SIGNATURE' });
    expect(verifyDecisionToken(token, 'another-secret', now)).toEqual({ ok: false, reason: 'BAD_SIGNATURE' });
  });

  it('says nothing about expiry for a token it did not sign', () => {
    const [, exp, sig] = token.split('.');
    expect(verifyDecisionToken(`${linkId}.${exp}.${sig.replace(/^./, (c) => (c === 'x' ? 'y' : 'x'))}`, secret, new Date('2030-01-01'))).toEqual({ ok: false, reason: 'BAD_SIGNATURE' });
  });

  it.each(['', 'abc', 'a.b.c', `${linkId}.${Date.now()}`, `${linkId}.12x.${'A'.repeat(43)}`, `${linkId}.1.${'A'.repeat(42)}`, `NOTAUUID.1.${'A'.repeat(43)}`, `${token}.extra`, 'x'.repeat(500)])(
    'refuses the malformed token %j',
    (malformed) => {
      expect(verifyDecisionToken(malformed, secret, now)).toEqual({ ok: false, reason: 'MALFORMED' });
    },
  );
});
