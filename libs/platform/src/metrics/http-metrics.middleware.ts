import type { HttpMiddleware, HttpRequest } from '../http/http.types';
import type { Metrics } from './metrics.service';

export const HTTP_DURATION_METRIC = 'http_request_duration_seconds';

// Records every response in a histogram labelled by method, route pattern and status. The route
// is the pattern Express matched ("/orders/:id"), never the raw path, to keep cardinality bounded.
export function httpMetricsMiddleware(metrics: Metrics): HttpMiddleware {
  const histogram = metrics.histogram({
    name: HTTP_DURATION_METRIC,
    help: 'HTTP request duration in seconds, by method, route pattern and status code',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  });
  return (req, res, next) => {
    const end = histogram.startTimer();
    res.once('finish', () => {
      end({ method: req.method, route: routePattern(req), status_code: String(res.statusCode) });
    });
    next();
  };
}

export function routePattern(req: HttpRequest): string {
  const path = req.route?.path;
  if (path === undefined) return 'unmatched';
  return `${req.baseUrl ?? ''}${String(path)}` || '/';
}
