import { DynamicModule, Global, Module } from '@nestjs/common';
import { APP_GUARD, DiscoveryModule } from '@nestjs/core';
import { AccessPolicyAudit } from './auth/access-policy.audit';
import { AuthGuard } from './auth/auth.guard';
import { authOptionsFromEnv, type AuthOptions } from './auth/auth.options';
import { ReadinessState } from './health/readiness.state';
import { PinoLoggerService } from './logging/pino-logger.service';
import { RequestDrain } from './health/request-drain';
import { MetricsController } from './metrics/metrics.controller';
import { Metrics } from './metrics/metrics.service';
import { AUTH_OPTIONS, SERVICE_NAME } from './platform.tokens';
import { RateLimitGuard } from './rate-limit/rate-limit.guard';
import { RateLimiter } from './rate-limit/rate-limiter.service';
import { TracingLifecycle } from './tracing/tracing.lifecycle';

export interface PlatformModuleOptions {
  // Service name: a label on every metric and a field on every log line.
  service: string;
  // Defaults to JWT_SECRET from the environment (dev default outside production).
  auth?: AuthOptions;
}

// What every service imports once in its AppModule: the global auth guard, rate limiter, pino
// logger, metrics registry and /metrics, the readiness state used by HealthModule, and the request drain
// that shutdown waits for.
@Global()
@Module({})
export class PlatformModule {
  static forRoot(options: PlatformModuleOptions): DynamicModule {
    return {
      module: PlatformModule,
      imports: [DiscoveryModule],
      controllers: [MetricsController],
      providers: [
        { provide: SERVICE_NAME, useValue: options.service },
        // The app's logger (configureServiceApp installs it) and every lib's: one pino, one `service`.
        { provide: PinoLoggerService, useFactory: () => new PinoLoggerService({ service: options.service }) },
        { provide: AUTH_OPTIONS, useFactory: () => options.auth ?? authOptionsFromEnv() },
        { provide: APP_GUARD, useClass: AuthGuard },
        AccessPolicyAudit,
        Metrics,
        ReadinessState,
        RequestDrain,
        RateLimiter,
        RateLimitGuard,
        TracingLifecycle,
      ],
      exports: [SERVICE_NAME, AUTH_OPTIONS, PinoLoggerService, Metrics, ReadinessState, RequestDrain, RateLimiter, RateLimitGuard],
    };
  }
}
