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
] as const;
