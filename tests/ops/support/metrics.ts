// The metric names the Grafana dashboard (k8s/base/observability/askfirst-dashboard.json) queries.
// They are a contract with the service owners: docs/operations.md lists them with their labels, and
// tests/ops/k8s.spec.ts checks that both the dashboard and the document use exactly these.
export const DASHBOARD_METRICS = [
  'http_request_duration_seconds',
  'askfirst_consumer_lag',
  'askfirst_outbox_backlog',
  'askfirst_outbox_oldest_age_seconds',
  'askfirst_dlq_messages_total',
  'askfirst_sla_breaches_total',
  'askfirst_time_to_human_seconds',
  'askfirst_orders_being_reserved',
  'askfirst_orders_shed_total',
  'askfirst_consumer_group_fallbacks_total',
] as const;

/**
 * Gauges whose value is the same on every replica: the consumer group's lag (read through the Kafka
 * admin client), the service database's outbox and the order service's orders being reserved. Combine replicas with max, never with sum.
 */
export const GROUP_WIDE_GAUGES = ['askfirst_consumer_lag', 'askfirst_outbox_backlog', 'askfirst_outbox_oldest_age_seconds', 'askfirst_orders_being_reserved'] as const;

const AGGREGATIONS = new Set(['sum', 'avg', 'min', 'max', 'count', 'group', 'stddev', 'stdvar', 'topk', 'bottomk', 'quantile', 'count_values']);

/** The aggregation operators around each use of `metric` in a PromQL expression, innermost first. */
export function aggregationsAround(expr: string, metric: string): string[][] {
  const uses = [...expr.matchAll(new RegExp(`\\b${metric}\\b`, 'g'))].map((m) => m.index!);
  return uses.map((at) => {
    const found: string[] = [];
    let depth = 0;
    for (let i = at - 1; i >= 0; i--) {
      if (expr[i] === ')') depth++;
      else if (expr[i] === '(' && depth > 0) depth--;
      else if (expr[i] === '(') {
        // `sum by (a, b) (x)`: skip the grouping clause to reach the operator's name.
        let before = expr.slice(0, i).trimEnd();
        if (before.endsWith(')')) before = before.slice(0, before.lastIndexOf('(')).trimEnd().replace(/\s+(by|without)$/, '');
        const name = /(\w+)$/.exec(before)?.[1];
        if (name && AGGREGATIONS.has(name)) found.push(name);
      }
    }
    return found;
  });
}
