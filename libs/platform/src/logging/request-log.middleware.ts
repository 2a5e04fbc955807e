import { Logger } from '@nestjs/common';
import type { HttpMiddleware } from '../http/http.types';
import { routePattern } from '../metrics/http-metrics.middleware';

// Probes and scrapes arrive every few seconds; they are logged at debug so they do not bury traffic.
const QUIET_ROUTES = /^\/(health|metrics)(\/|$)/;

// One access-log line per response: method, route pattern, status and duration, with the
// correlation id added by the logger.
export function requestLogMiddleware(logger = new Logger('Http')): HttpMiddleware {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      const route = routePattern(req);
      const entry = {
        msg: 'request completed',
        // Explicit: "finish" may fire outside the request's async context.
        correlationId: req.correlationId,
        method: req.method,
        route,
        status: res.statusCode,
        durationMs: Number(process.hrtime.bigint() - started) / 1e6,
      };
      if (QUIET_ROUTES.test(route)) logger.debug(entry);
      else logger.log(entry);
    });
    next();
  };
}
