// Injection tokens shared across the platform's modules.
export const SERVICE_NAME = Symbol('askfirst:service-name');
export const AUTH_OPTIONS = Symbol('askfirst:auth-options');
