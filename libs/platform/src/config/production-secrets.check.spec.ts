import { DEV_DECISION_LINK_SECRET, DEV_JWT_SECRET } from './dev-secrets.constants';
import { assertProductionSecrets } from './production-secrets.check';

describe('assertProductionSecrets', () => {
  const strong = 'a-real-secret-from-a-k8s-secret-0123456789';

  it('does nothing outside production', () => {
    expect(() => assertProductionSecrets(['JWT_SECRET'], { NODE_ENV: 'development' })).not.toThrow();
  });

  it('refuses a missing secret in production, naming it', () => {
    expect(() => assertProductionSecrets(['JWT_SECRET'], { NODE_ENV: 'production' })).toThrow(
      'JWT_SECRET: secret is required in production',
    );
  });

  it('refuses any known dev default, even another secret’s', () => {
    const source = { NODE_ENV: 'production', JWT_SECRET: strong, LINK_SECRET: DEV_DECISION_LINK_SECRET };
    expect(() => assertProductionSecrets(['JWT_SECRET', 'LINK_SECRET'], source)).toThrow(
      'LINK_SECRET: secret equals a known dev default',
    );
    expect(() => assertProductionSecrets(['JWT_SECRET'], { NODE_ENV: 'production', JWT_SECRET: DEV_JWT_SECRET })).toThrow(
      /JWT_SECRET/,
    );
  });

  it('accepts real secrets', () => {
    expect(() => assertProductionSecrets(['JWT_SECRET'], { NODE_ENV: 'production', JWT_SECRET: strong })).not.toThrow();
  });
});
