import { ConfigError } from './config.error';
import { DEV_JWT_SECRET } from './dev-secrets.constants';
import { createEnv } from './env.reader';

describe('env reader', () => {
  it('reads strings with defaults and names a missing variable', () => {
    const env = createEnv({ NAME: ' order ' });
    expect(env.string('NAME')).toBe('order');
    expect(env.string('OTHER', { default: 'x' })).toBe('x');
    expect(() => env.string('MISSING')).toThrow(new ConfigError('MISSING', 'is required'));
  });

  it('uses a secret default outside production only', () => {
    expect(createEnv({}).string('JWT_SECRET', { default: DEV_JWT_SECRET, secret: true })).toBe(DEV_JWT_SECRET);
    const prod = createEnv({ NODE_ENV: 'production' });
    expect(() => prod.string('JWT_SECRET', { default: DEV_JWT_SECRET, secret: true })).toThrow(/JWT_SECRET/);
  });

  it('parses integers within bounds', () => {
    const env = createEnv({ PORT: '8080', BAD: '8.5', NEG: '-1' });
    expect(env.int('PORT')).toBe(8080);
    expect(env.int('UNSET', { default: 3000 })).toBe(3000);
    expect(() => env.int('BAD')).toThrow(/BAD: must be an integer/);
    expect(() => env.int('NEG', { min: 0 })).toThrow(/NEG: must be >= 0/);
  });

  it('parses booleans strictly', () => {
    const env = createEnv({ A: 'true', B: '0', C: 'maybe' });
    expect(env.bool('A')).toBe(true);
    expect(env.bool('B')).toBe(false);
    expect(env.bool('D', { default: true })).toBe(true);
    expect(() => env.bool('C')).toThrow(/C: must be a boolean/);
  });

  it('checks URLs and protocols without echoing the value', () => {
    const env = createEnv({ DB: 'postgres://u:pw@db:5432/x', BAD: 'not a url :pw' });
    expect(env.url('DB', { protocols: ['postgres', 'postgresql'] })).toBe('postgres://u:pw@db:5432/x');
    expect(() => env.url('DB', { protocols: ['http'] })).toThrow(/DB: must use one of http:/);
    expect(() => env.url('BAD')).toThrow(new ConfigError('BAD', 'must be an absolute URL'));
  });

  it('splits lists', () => {
    expect(createEnv({ BROKERS: 'a:9092, b:9092,' }).list('BROKERS')).toEqual(['a:9092', 'b:9092']);
    expect(createEnv({}).list('BROKERS', { default: ['localhost:9092'] })).toEqual(['localhost:9092']);
  });
});
