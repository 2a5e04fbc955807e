import { context, propagation, trace, type Span, SpanKind, SpanStatusCode, type Context } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, NodeTracerProvider, type SpanProcessor } from '@opentelemetry/sdk-trace-node';

let provider: NodeTracerProvider | undefined;

/**
 * OpenTelemetry for one service process: W3C trace context on HTTP and in Kafka headers, spans
 * exported over OTLP/HTTP when OTEL_EXPORTER_OTLP_ENDPOINT (or …_TRACES_ENDPOINT) is set.
 * Without an endpoint, trace ids still propagate so logs and events correlate.
 */
export function initTracing(service: string, env: NodeJS.ProcessEnv = process.env): void {
  if (provider) return;
  const endpoint = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? (env.OTEL_EXPORTER_OTLP_ENDPOINT ? `${env.OTEL_EXPORTER_OTLP_ENDPOINT.replace(/\/$/, '')}/v1/traces` : undefined);
  const spanProcessors: SpanProcessor[] = endpoint
    ? [new BatchSpanProcessor(new OTLPTraceExporter({ url: endpoint }), { scheduledDelayMillis: Number(env.OTEL_BSP_SCHEDULE_DELAY ?? 1000) })]
    : [];
  provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': env.OTEL_SERVICE_NAME ?? `askfirst-${service}` }),
    spanProcessors,
  });
  provider.register();
}

/** Flushes pending spans (graceful shutdown). */
export async function shutdownTracing(): Promise<void> {
  await provider?.forceFlush().catch(() => undefined);
}

export const tracer = () => trace.getTracer('askfirst');

/** Current trace context as W3C headers (`traceparent`, `tracestate`), for outgoing messages. */
export function currentTraceHeaders(): Record<string, string> {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier;
}

/** Runs `fn` in a span whose parent comes from incoming W3C headers (HTTP or Kafka). */
export async function inSpanFromHeaders<T>(
  name: string,
  kind: SpanKind,
  headers: Record<string, string | undefined>,
  attributes: Record<string, string | number>,
  fn: (span: Span) => Promise<T>,
): Promise<T> {
  const parent: Context = propagation.extract(context.active(), headers);
  const span = tracer().startSpan(name, { kind, attributes }, parent);
  try {
    return await context.with(trace.setSpan(parent, span), () => fn(span));
  } catch (error) {
    span.recordException(error as Error);
    span.setStatus({ code: SpanStatusCode.ERROR, message: String(error) });
    throw error;
  } finally {
    span.end();
  }
}

export { SpanKind };
