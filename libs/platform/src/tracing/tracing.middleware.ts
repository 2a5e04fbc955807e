import { context, propagation, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { tracer } from './tracing';

type Req = { method: string; originalUrl?: string; url: string; headers: Record<string, string | string[] | undefined>; route?: { path?: string } };
type Res = { statusCode: number; once(event: 'finish' | 'close', fn: () => void): void };

/** A SERVER span per HTTP request, child of the caller's `traceparent` if any. */
export function tracingMiddleware(req: Req, res: Res, next: () => void): void {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers[k] = v;
  const parent = propagation.extract(context.active(), headers);
  const span = tracer().startSpan(`HTTP ${req.method}`, { kind: SpanKind.SERVER, attributes: { 'http.request.method': req.method, 'url.path': (req.originalUrl ?? req.url).split('?')[0] } }, parent);
  let ended = false;
  const end = () => {
    if (ended) return;
    ended = true;
    span.setAttribute('http.response.status_code', res.statusCode);
    if (req.route?.path) span.updateName(`HTTP ${req.method} ${req.route.path}`);
    if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
    span.end();
  };
  res.once('finish', end);
  res.once('close', end);
  context.with(trace.setSpan(parent, span), next);
}
