// Config
export { ConfigError } from './config/config.error';
export {
  DEV_DECISION_LINK_SECRET,
  DEV_JWT_SECRET,
  DEV_SECRET_DEFAULTS,
  DEV_WEBHOOK_SIGNING_SECRET,
} from './config/dev-secrets.constants';
export { createEnv, env } from './config/env.reader';
export type { BoolOptions, EnvReader, EnvSource, IntOptions, StringOptions, UrlOptions } from './config/env.reader';
export { assertProductionSecrets } from './config/production-secrets.check';

// Problem details (RFC 9457)
export { DomainException } from './problem/domain.exception';
export { StateConflictException } from './problem/state-conflict.exception';
export { ProblemException } from './problem/problem.exception';
export type { ProblemInit } from './problem/problem.exception';
export { ProblemDetailsFilter } from './problem/problem-details.filter';
export { createAllowedMethodsFinder } from './problem/allowed-methods.finder';
export { PROBLEM_CONTENT_TYPE, PROBLEM_TYPE_PREFIX, problemType } from './problem/problem-details.model';
export type { FieldError, ProblemDetails } from './problem/problem-details.model';

// Validation
export { createValidationPipe } from './validation/validation.pipe';
export { RequestValidationException } from './validation/request-validation.exception';
export { toFieldErrors } from './validation/validation-errors.mapper';

// Bootstrap
export { configureServiceApp } from './bootstrap/configure-service-app';
export { createServiceApp, startService } from './bootstrap/create-service-app';
export { DEFAULT_BODY_LIMIT, DOCS_JSON_PATH, DOCS_PATH } from './bootstrap/service-app.options';
export type { ServiceAppOptions } from './bootstrap/service-app.options';
export type { AppModuleRef } from './bootstrap/create-service-app';
export { PlatformModule } from './platform.module';
export type { PlatformModuleOptions } from './platform.module';
export { SERVICE_NAME } from './platform.tokens';

// Logging
export { RequestContext } from './logging/request-context';
export type { RequestContextData } from './logging/request-context';
export { PinoLoggerService, createPinoLogger } from './logging/pino-logger.service';
export type { LoggerOptions } from './logging/pino-logger.service';
export { CORRELATION_ID_HEADER, correlationIdMiddleware } from './logging/correlation-id.middleware';

// Health
export { HealthModule } from './health/health.module';
export type { HealthModuleOptions } from './health/health.module';
export { HEALTH_INDICATORS } from './health/health-indicator.interface';
export type { HealthIndicator } from './health/health-indicator.interface';
export { DataSourceHealthIndicator } from './health/data-source.indicator';
export { ReadinessState } from './health/readiness.state';
export { RequestDrain } from './health/request-drain';

// Metrics
export { Metrics } from './metrics/metrics.service';
export { HTTP_DURATION_METRIC } from './metrics/http-metrics.middleware';

// Auth
export { ROLES } from './auth/principal.model';
export type { Principal, Role } from './auth/principal.model';
export { Roles, ROLES_EXTENSION } from './auth/roles.decorator';
export { Public, PUBLIC_EXTENSION } from './auth/public.decorator';
export { CurrentPrincipal } from './auth/current-principal.decorator';
export { AuthGuard } from './auth/auth.guard';
export type { AuthOptions } from './auth/auth.options';
export { AccessPolicyAudit } from './auth/access-policy.audit';
export { assertOwner } from './auth/owner.check';
export { InvalidTokenError, JWT_ISSUER, mintToken, verifyToken } from './auth/jwt.token';
export type { TokenClaims } from './auth/jwt.token';

// Rate limit
export { RateLimit } from './rate-limit/rate-limit.decorator';
export type { RateLimitOptions } from './rate-limit/rate-limit.options';
export { RateLimiter } from './rate-limit/rate-limiter.service';

// Tracing
export { currentTraceHeaders, initTracing, inSpanFromHeaders, shutdownTracing, SpanKind, tracer } from './tracing/tracing';
export { tracingMiddleware } from './tracing/tracing.middleware';

// Infrastructure outages (database or network not there right now)
export { isTransientInfrastructureError } from './problem/transient-error';

// Database
export { preparedStatementClient, StatementNames } from './database/prepared-statements';
export { deferStatement } from './database/deferred-statement';
export { failedInDeferredStatement } from './database/held-back-statements';
