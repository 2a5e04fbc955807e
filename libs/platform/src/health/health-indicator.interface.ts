// A readiness check: resolve when the dependency works, reject (with a reason) when it does not.
export interface HealthIndicator {
  readonly name: string;
  check(): Promise<void>;
}

// Resolves to HealthIndicator[]: everything given to HealthModule.forRoot({ indicators }).
export const HEALTH_INDICATORS = Symbol('askfirst:health-indicators');
