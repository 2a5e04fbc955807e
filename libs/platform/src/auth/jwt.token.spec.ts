import { SignJWT } from 'jose';
import { InvalidTokenError, mintToken, verifyToken } from './jwt.token';

const SECRET = 'test-secret-with-enough-length-000000';

describe('mintToken / verifyToken', () => {
  it('round-trips a principal; a shopper without shopperId gets their subject', async () => {
    const token = await mintToken({ sub: 'shopper-1', role: 'shopper' }, SECRET, 60);
    await expect(verifyToken(token, SECRET)).resolves.toEqual({ sub: 'shopper-1', role: 'shopper', shopperId: 'shopper-1' });
    const agent = await mintToken({ sub: 'u-9', role: 'agent', agentId: 'a-9' }, SECRET, '5m');
    await expect(verifyToken(agent, SECRET)).resolves.toEqual({ sub: 'u-9', role: 'agent', agentId: 'a-9' });
  });

  it('rejects a wrong secret, an expired token and an unknown role', async () => {
    const token = await mintToken({ sub: 's', role: 'shopper' }, SECRET);
    await expect(verifyToken(token, 'another-secret-000000000000000000')).rejects.toBeInstanceOf(InvalidTokenError);
    const expired = await mintToken({ sub: 's', role: 'shopper' }, SECRET, -10);
    await expect(verifyToken(expired, SECRET)).rejects.toMatchObject({ expired: true });
    const odd = await new SignJWT({ role: 'admin' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('x')
      .setIssuer('askfirst')
      .setExpirationTime('1m')
      .sign(new TextEncoder().encode(SECRET));
    await expect(verifyToken(odd, SECRET)).rejects.toThrow(/known role/);
  });

  it('rejects a token without an expiry (it would never expire)', async () => {
    const forever = await new SignJWT({ role: 'agent' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('x')
      .setIssuer('askfirst')
      .sign(new TextEncoder().encode(SECRET));
    await expect(verifyToken(forever, SECRET)).rejects.toBeInstanceOf(InvalidTokenError);
  });

  it('rejects an unsigned token', async () => {
    const header = Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url');
    const body = Buffer.from(JSON.stringify({ sub: 's', role: 'agent', iss: 'askfirst' })).toString('base64url');
    await expect(verifyToken(`${header}.${body}.`, SECRET)).rejects.toBeInstanceOf(InvalidTokenError);
  });
});
