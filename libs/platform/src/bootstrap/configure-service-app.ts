import type { INestApplication, Type } from '@nestjs/common';
import type { Server } from 'node:http';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { env } from '../config/env.reader';
import { ReadinessState } from '../health/readiness.state';
import { RequestDrain } from '../health/request-drain';
import { correlationIdMiddleware } from '../logging/correlation-id.middleware';
import { PinoLoggerService } from '../logging/pino-logger.service';
import { requestLogMiddleware } from '../logging/request-log.middleware';
import { httpMetricsMiddleware } from '../metrics/http-metrics.middleware';
import { Metrics } from '../metrics/metrics.service';
import { createAllowedMethodsFinder } from '../problem/allowed-methods.finder';
import { ProblemDetailsFilter } from '../problem/problem-details.filter';
import { createValidationPipe } from '../validation/validation.pipe';
import { initTracing } from '../tracing/tracing';
import { tracingMiddleware } from '../tracing/tracing.middleware';
import { jsonOnlyMiddleware } from './json-only.middleware';
import { setupOpenApi } from './openapi.setup';
import { DEFAULT_BODY_LIMIT, type ServiceAppOptions } from './service-app.options';

// Applies the platform's HTTP setup to an app that is created but not yet initialised: used by
// createServiceApp and by integration tests on a Nest testing module (create the app with
// { bodyParser: false } there too, or Nest adds its own urlencoded parser).
// The AppModule must import PlatformModule.forRoot().
export function configureServiceApp<T extends INestApplication>(app: T, options: ServiceAppOptions): T {
  const expressApp = app as unknown as NestExpressApplication;
  const limit = options.bodyLimit ?? DEFAULT_BODY_LIMIT;

  app.useLogger(platformProvider(app, PinoLoggerService));

  // Order matters: context first, so every later step (and its errors) carries the correlation id.
  initTracing(options.name);
  app.use(tracingMiddleware);
  app.use(correlationIdMiddleware);
  app.use(requestLogMiddleware());
  app.use(httpMetricsMiddleware(platformProvider(app, Metrics)));
  app.use(platformProvider(app, RequestDrain).middleware);
  app.use(jsonOnlyMiddleware({ acceptForms: options.acceptForms }));
  expressApp.useBodyParser('json', { limit, type: ['application/json', 'application/*+json'] });
  if (options.acceptForms) expressApp.useBodyParser('urlencoded', { limit, extended: false });

  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ProblemDetailsFilter(createAllowedMethodsFinder(app.getHttpAdapter().getInstance())));
  setupOpenApi(app, options);

  keepIdleConnections(app.getHttpServer() as Server);

  platformProvider(app, ReadinessState).listenForShutdownSignals();
  app.enableShutdownHooks();
  return app;
}

function platformProvider<P>(app: INestApplication, type: Type<P>): P {
  try {
    return app.get(type, { strict: false });
  } catch {
    throw new Error(`${type.name} is missing: the AppModule must import PlatformModule.forRoot({ service })`);
  }
}

/**
 * Node closes a keep-alive connection after 5 s idle; the gateways and load balancers in front of a
 * service keep theirs for 60 s or more and reuse them. When the service closes first, a request the
 * proxy sends on that connection at the same moment is reset (ECONNRESET, a 502 for a POST), so the
 * service keeps idle connections longer than the proxy (65 s by default; raise
 * HTTP_KEEP_ALIVE_TIMEOUT_MS above a longer proxy timeout). Headers must still arrive within a
 * second more than that. A stopping service closes its idle connections at once (Node's
 * `server.close()`), so draining does not wait for them.
 */
function keepIdleConnections(server: Server): void {
  const idleMs = env.int('HTTP_KEEP_ALIVE_TIMEOUT_MS', { default: 65_000, min: 1_000, max: 3_600_000 });
  server.keepAliveTimeout = idleMs;
  server.headersTimeout = idleMs + 1_000;
}
