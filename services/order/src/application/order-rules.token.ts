/** Injection token for the domain's OrderRules, built from the service config. */
export const ORDER_RULES = Symbol('askfirst:order-rules');
