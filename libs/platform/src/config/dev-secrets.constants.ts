// The only place dev defaults for secrets are written down. They let a laptop and the tests run
// without setup; assertProductionSecrets refuses every one of them when NODE_ENV=production.
export const DEV_JWT_SECRET = 'askfirst-dev-jwt-secret-not-for-production-0001';
export const DEV_DECISION_LINK_SECRET = 'askfirst-dev-decision-link-secret-not-for-production';
export const DEV_WEBHOOK_SIGNING_SECRET = 'askfirst-dev-webhook-signing-secret-not-for-production';

export const DEV_SECRET_DEFAULTS: ReadonlySet<string> = new Set([
  DEV_JWT_SECRET,
  DEV_DECISION_LINK_SECRET,
  DEV_WEBHOOK_SIGNING_SECRET,
]);
