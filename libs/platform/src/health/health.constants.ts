export const HEALTH_CHECK_TIMEOUT_MS = Symbol('askfirst:health-check-timeout-ms');
export const DEFAULT_HEALTH_CHECK_TIMEOUT_MS = 2000;
