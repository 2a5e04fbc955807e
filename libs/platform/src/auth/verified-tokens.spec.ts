import { InvalidTokenError, mintToken, verifyTokenClaims } from './jwt.token';
import { VerifiedTokens } from './verified-tokens';

const SECRET = 'test-secret-0123456789-0123456789-abcd';

describe('VerifiedTokens', () => {
  let now: number;
  const clock = () => now;
  beforeEach(() => (now = Date.now()));

  it('verifies a token once and answers from memory until it expires, then verifies it again', async () => {
    const verify = jest.fn(verifyTokenClaims);
    const tokens = new VerifiedTokens(SECRET, 100, clock, verify);
    const token = await mintToken({ sub: 'shopper-1', role: 'shopper' }, SECRET, 60);

    await expect(tokens.principalOf(token)).resolves.toEqual({ sub: 'shopper-1', role: 'shopper', shopperId: 'shopper-1' });
    await expect(tokens.principalOf(token)).resolves.toEqual({ sub: 'shopper-1', role: 'shopper', shopperId: 'shopper-1' });
    expect(verify).toHaveBeenCalledTimes(1);

    now += 61_000; // past exp: remembered no longer
    await tokens.principalOf(token).catch(() => undefined);
    expect(verify).toHaveBeenCalledTimes(2);
  });

  it('remembers nothing about a token that failed, so it fails every time', async () => {
    const verify = jest.fn(verifyTokenClaims);
    const tokens = new VerifiedTokens(SECRET, 100, clock, verify);
    const forged = await mintToken({ sub: 'agent-1', role: 'agent' }, 'another-secret-0123456789-0123456789');
    await expect(tokens.principalOf(forged)).rejects.toBeInstanceOf(InvalidTokenError);
    await expect(tokens.principalOf(forged)).rejects.toBeInstanceOf(InvalidTokenError);
    expect(verify).toHaveBeenCalledTimes(2);
    expect(tokens.size).toBe(0);
  });

  it('rejects an expired token as expired (jose decides; nothing is remembered)', async () => {
    const tokens = new VerifiedTokens(SECRET, 100, clock);
    const expired = await mintToken({ sub: 'shopper-1', role: 'shopper' }, SECRET, -10);
    await expect(tokens.principalOf(expired)).rejects.toMatchObject({ expired: true });
  });

  it('hands out copies: a caller changing its principal does not change the next answer', async () => {
    const tokens = new VerifiedTokens(SECRET, 100, clock);
    const token = await mintToken({ sub: 'u-1', role: 'agent', agentId: 'a-1' }, SECRET);
    const first = await tokens.principalOf(token);
    first.role = 'supervisor';
    await expect(tokens.principalOf(token)).resolves.toEqual({ sub: 'u-1', role: 'agent', agentId: 'a-1' });
  });

  it('keeps at most maxEntries tokens, dropping the oldest', async () => {
    const verify = jest.fn(verifyTokenClaims);
    const tokens = new VerifiedTokens(SECRET, 2, clock, verify);
    const [a, b, c] = await Promise.all(['a', 'b', 'c'].map((sub) => mintToken({ sub, role: 'shopper' }, SECRET)));
    for (const token of [a, b, c]) await tokens.principalOf(token);
    expect(tokens.size).toBe(2);
    await tokens.principalOf(c);
    expect(verify).toHaveBeenCalledTimes(3);
    await tokens.principalOf(a);
    expect(verify).toHaveBeenCalledTimes(4);
  });
});
