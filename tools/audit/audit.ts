// The invariant audit (ARCHITECTURE.md §1, docs/adr/0010-invariant-audit-and-fault-suite.md): reads
// every service's database read-only and reports each violation of I1–I6 it can see from the stored
// state. Used by `npm run audit` (tools/audit/main.ts) and by the fault suite (tests/faults).
import { Client } from 'pg';

export const AUDITED_SERVICES = ['order', 'inventory', 'notification', 'customer-service'] as const;
export type AuditedService = (typeof AUDITED_SERVICES)[number];
export type DatabaseUrls = Record<AuditedService, string>;

export type InvariantId = 'I1' | 'I2' | 'I3' | 'I4' | 'I5' | 'I6';

export interface Violation {
  invariant: InvariantId;
  /** A stable name for the rule that failed, e.g. `refund-requested-before-notice`. */
  rule: string;
  /** What it is about: `order <id>`, `refund <id>`, `stock store-1/CAKE` … */
  subject: string;
  detail: string;
}

export interface AuditOptions {
  /**
   * Work in flight is not a violation: an order may sit in RESERVING, a deadline may be a moment
   * overdue, a case may not be open yet, for this many seconds. 60 on a live system; the fault
   * suite audits a quiet system and uses a few seconds.
   */
  graceSeconds?: number;
  /** Violations kept per rule in the report (the count is always complete). */
  maxPerRule?: number;
}

export interface AuditReport {
  at: string;
  graceSeconds: number;
  checked: Record<string, number>;
  /** Every violation found, capped per rule (see `violationCount`). */
  violations: Violation[];
  violationCount: number;
  countsByRule: Record<string, number>;
}

const TERMINAL = ['DELIVERED', 'CANCELLED'];
const PROGRESS = ['CONFIRMED', 'PICKING', 'READY', 'DISPATCHED'];
const SOURCES = ['SHOPPER_PRESET', 'SHOPPER', 'AGENT_FOR_SHOPPER', 'SHOPPER_PRESET_FALLBACK'];
/** Line states that change what the shopper gets or pays (I1). */
const DECIDED_LINE_STATES = ['REFUND_PENDING_NOTICE', 'PARTIAL_REFUND_PENDING_NOTICE', 'REFUNDED', 'PARTLY_REFUNDED', 'SUBSTITUTED', 'BACKORDERED'];

/** `askfirst_<service>` on the server of `base` (DATABASE_URL), as tools/stack.sh names them. */
export function defaultDatabaseUrls(env: NodeJS.ProcessEnv = process.env): DatabaseUrls {
  const base = env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const out = {} as DatabaseUrls;
  for (const service of AUDITED_SERVICES) {
    const override = env[`AUDIT_${service.replace(/-/g, '_').toUpperCase()}_DATABASE_URL`];
    if (override) {
      out[service] = override;
      continue;
    }
    const url = new URL(base);
    url.pathname = `/askfirst_${service.replace(/-/g, '_')}`;
    out[service] = url.toString();
  }
  return out;
}

/** `--system` JSON: `{ "order": url, … }` or `{ "databaseUrls": { … } }` (what the test harness writes). */
export function databaseUrlsFromSystem(json: string, fallback: DatabaseUrls): DatabaseUrls {
  const parsed = JSON.parse(json) as Record<string, unknown>;
  const map = (typeof parsed.databaseUrls === 'object' && parsed.databaseUrls ? parsed.databaseUrls : parsed) as Record<string, unknown>;
  const out = { ...fallback };
  for (const service of AUDITED_SERVICES) {
    const url = map[service] ?? map[service.replace(/-/g, '_')];
    if (typeof url === 'string') out[service] = url;
  }
  return out;
}

export interface AuditRows {
  now: Date;
  orders: { id: string; state: string; decision_deadline: Date | null; hold_review_by: Date | null; placed_at: Date; updated_at: Date }[];
  lines: { id: string; order_id: string; state: string; quantity: number; waiting_for: string | null; unit_price_cents: number }[];
  decisions: { id: string; order_id: string; source: string; resolution: string; line_ids: string[]; decided_at: Date }[];
  refunds: {
    id: string; order_id: string; decision_id: string; status: string; amount_cents: number;
    lines: { lineId: string; quantity: number; amountCents: number }[]; approved_at: Date; requested_at: Date | null; notice_id: string | null;
  }[];
  refundRequestEvents: { refund_id: string; n: number }[];
  orderOutboxUnpublished: number;
  notices: {
    id: string; cause_event_id: string; order_id: string; status: string; refund_ids: string[]; reached_channels: string[];
    notified_at: Date | null; next_attempt_at: Date | null; created_at: Date;
  }[];
  stock: { store_id: string; sku: string; on_hand: number; reserved: number; held: number }[];
  heldByOrder: { order_id: string; held: number }[];
  cases: { id: string; order_id: string; type: string; status: string; sla_due_at: Date | null; first_contact_at: Date | null; breached_at: Date | null; opened_at: Date }[];
  outboxBacklog: Record<AuditedService, number>;
}

async function readOnly<T>(url: string, work: (c: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url, application_name: 'askfirst-audit', connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    // One consistent snapshot per database, and nothing the audit runs can write.
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const out = await work(client);
    await client.query('COMMIT');
    return out;
  } finally {
    await client.end().catch(() => undefined);
  }
}

const backlogSql = `SELECT count(*)::int AS n FROM outbox_messages WHERE published_at IS NULL`;

async function readAll(urls: DatabaseUrls): Promise<AuditRows> {
  // Order first, then the others: a requested refund's notice was committed before the refund, and a
  // case is opened after the order waits — reading in this order never reports a false I2 gap.
  const order = await readOnly(urls.order, async (c) => ({
    now: (await c.query(`SELECT now() AS now`)).rows[0].now as Date,
    orders: (await c.query(`SELECT id, state, decision_deadline, hold_review_by, placed_at, updated_at FROM orders`)).rows,
    lines: (await c.query(`SELECT id, order_id, state, quantity, waiting_for, unit_price_cents FROM order_lines`)).rows,
    decisions: (await c.query(`SELECT id, order_id, source, resolution, line_ids::text[] AS line_ids, decided_at FROM order_decisions`)).rows,
    refunds: (await c.query(`SELECT id, order_id, decision_id, status, amount_cents, lines, approved_at, requested_at, notice_id FROM order_refunds`)).rows,
    refundRequestEvents: (await c.query(
      `SELECT payload::jsonb -> 'data' ->> 'refundId' AS refund_id, count(*)::int AS n
         FROM outbox_messages WHERE event_type = 'order.refund-requested.v1' GROUP BY 1`,
    )).rows,
    orderOutboxUnpublished: (await c.query(backlogSql)).rows[0].n as number,
  }));
  const notification = await readOnly(urls.notification, async (c) => ({
    notices: (await c.query(
      `SELECT id, cause_event_id, order_id, status, refund_ids::text[] AS refund_ids, reached_channels, notified_at, next_attempt_at, created_at FROM notices`,
    )).rows,
    backlog: (await c.query(backlogSql)).rows[0].n as number,
  }));
  const inventory = await readOnly(urls.inventory, async (c) => ({
    stock: (await c.query(
      `SELECT s.store_id, s.sku, s.on_hand, s.reserved,
              coalesce((SELECT sum(l.quantity_held) FROM reservation_lines l JOIN reservations r USING (order_id)
                         WHERE r.store_id = s.store_id AND l.sku = s.sku AND r.status = 'HELD'), 0)::int AS held
         FROM stock_items s`,
    )).rows,
    heldByOrder: (await c.query(
      `SELECT r.order_id::text AS order_id, sum(l.quantity_held)::int AS held
         FROM reservations r JOIN reservation_lines l USING (order_id) WHERE r.status = 'HELD' GROUP BY r.order_id`,
    )).rows,
    backlog: (await c.query(backlogSql)).rows[0].n as number,
  }));
  const cs = await readOnly(urls['customer-service'], async (c) => ({
    cases: (await c.query(`SELECT id, order_id, type, status, sla_due_at, first_contact_at, breached_at, opened_at FROM cases`)).rows,
    backlog: (await c.query(backlogSql)).rows[0].n as number,
  }));
  return {
    ...order, notices: notification.notices, stock: inventory.stock, heldByOrder: inventory.heldByOrder, cases: cs.cases,
    outboxBacklog: { order: order.orderOutboxUnpublished, inventory: inventory.backlog, notification: notification.backlog, 'customer-service': cs.backlog },
  };
}

/** Reads the four databases and checks every invariant; never writes. */
export async function runAudit(urls: DatabaseUrls, options: AuditOptions = {}): Promise<AuditReport> {
  return checkInvariants(await readAll(urls), options);
}

export function checkInvariants(rows: AuditRows, options: AuditOptions = {}): AuditReport {
  const graceSeconds = options.graceSeconds ?? 60;
  const maxPerRule = options.maxPerRule ?? 20;
  const now = rows.now.getTime();
  const graceMs = graceSeconds * 1000;
  const old = (at: Date | null | undefined) => !!at && now - at.getTime() > graceMs;
  const all: Violation[] = [];
  const flag = (invariant: InvariantId, rule: string, subject: string, detail: string) => all.push({ invariant, rule, subject, detail });

  const linesByOrder = groupBy(rows.lines, (l) => l.order_id);
  const decisionsByOrder = groupBy(rows.decisions, (d) => d.order_id);
  const decisionById = new Map(rows.decisions.map((d) => [d.id, d]));
  const lineById = new Map(rows.lines.map((l) => [l.id, l]));
  const noticeById = new Map(rows.notices.map((n) => [n.id, n]));
  const casesByOrder = groupBy(rows.cases, (c) => c.order_id);
  const heldByOrder = new Map(rows.heldByOrder.map((h) => [h.order_id, h.held]));
  const validDecision = (d: { source: string } | undefined) => !!d && SOURCES.includes(d.source);
  const decidedLine = (orderId: string, lineId: string) =>
    (decisionsByOrder.get(orderId) ?? []).some((d) => validDecision(d) && d.line_ids.includes(lineId));

  // ---- I4: nothing waits silently ----
  for (const o of rows.orders) {
    const subject = `order ${o.id}`;
    const lines = linesByOrder.get(o.id) ?? [];
    if (TERMINAL.includes(o.state)) {
      // fall through to the line checks below
    } else if (o.state === 'AWAITING_SHOPPER_DECISION') {
      if (!o.decision_deadline) flag('I4', 'waiting-without-deadline', subject, 'AWAITING_SHOPPER_DECISION with no decision_deadline');
      else if (old(o.decision_deadline)) flag('I4', 'deadline-did-not-fire', subject, `decision deadline ${o.decision_deadline.toISOString()} passed ${ago(now, o.decision_deadline)} ago and the fallback has not applied`);
      if (!lines.some((l) => l.state === 'SHORT' && l.waiting_for === 'SHOPPER')) flag('I4', 'waiting-for-nothing', subject, 'AWAITING_SHOPPER_DECISION but no line waits for the shopper');
      if (old(o.updated_at) && !(casesByOrder.get(o.id) ?? []).some((c) => c.type === 'SHORTAGE_CONTACT' || c.type === 'ESCALATION' || c.type === 'SHOPPER_ASKED_FOR_HUMAN')) {
        flag('I5', 'waiting-without-case', subject, 'waits for the shopper but customer-service has no case for it (nobody will call)');
      }
    } else if (o.state === 'ON_HOLD') {
      if (!o.hold_review_by) flag('I4', 'hold-without-deadline', subject, 'ON_HOLD with no hold_review_by');
      if (old(o.updated_at) && !(casesByOrder.get(o.id) ?? []).some((c) => c.type === 'ESCALATION')) {
        flag('I4', 'hold-without-supervisor', subject, 'ON_HOLD but customer-service has no ESCALATION case (no supervisor owns it)');
      }
    } else if (PROGRESS.includes(o.state)) {
      // Owned by the shop floor / courier; what must not happen is a line silently waiting inside it.
      for (const l of lines) {
        if (l.state === 'SHORT' && l.waiting_for === 'SHOPPER') flag('I4', 'line-waits-outside-waiting-state', `line ${l.id}`, `order ${o.id} is ${o.state} while the line waits for the shopper`);
        if (l.state === 'SHORT' && l.waiting_for === 'SUBSTITUTE' && old(o.updated_at)) flag('I4', 'substitution-unanswered', `line ${l.id}`, `order ${o.id}: inventory never answered the substitution request`);
      }
    } else if ((o.state === 'PLACED' || o.state === 'RESERVING') && old(o.updated_at)) {
      flag('I4', 'stuck-in-transit', subject, `${o.state} for ${ago(now, o.updated_at)} (reservation never answered)`);
    } else if (!PROGRESS.includes(o.state) && o.state !== 'PLACED' && o.state !== 'RESERVING') {
      flag('I4', 'unknown-state', subject, `state ${o.state}`);
    }
    if (o.state === 'CANCELLED') {
      if (!(decisionsByOrder.get(o.id) ?? []).some((d) => validDecision(d) && (d.resolution === 'CANCEL_ORDER' || d.resolution === 'REFUND_ITEM_SHIP_REST'))) {
        flag('I1', 'cancelled-without-decision', subject, 'cancelled with no recorded decision with a source');
      }
      const held = heldByOrder.get(o.id) ?? 0;
      if (held > 0 && old(o.updated_at)) flag('I3', 'cancelled-still-holds-stock', subject, `cancelled ${ago(now, o.updated_at)} ago, inventory still holds ${held} unit(s)`);
    }
    if (o.state === 'ON_HOLD' && !(decisionsByOrder.get(o.id) ?? []).some((d) => validDecision(d) && d.resolution === 'KEEP_HOLDING')) {
      flag('I1', 'hold-without-decision', subject, 'ON_HOLD with no KEEP_HOLDING decision');
    }
  }

  // ---- I1: every change to what the shopper gets or pays carries a decision with a source ----
  for (const l of rows.lines) {
    if (DECIDED_LINE_STATES.includes(l.state) && !decidedLine(l.order_id, l.id)) {
      flag('I1', 'line-changed-without-decision', `line ${l.id}`, `order ${l.order_id}: line ${l.state} with no decision naming it`);
    }
  }
  for (const d of rows.decisions) {
    if (!SOURCES.includes(d.source)) flag('I1', 'decision-without-source', `decision ${d.id}`, `source ${d.source}`);
  }

  // ---- I2: tell before money moves ----
  for (const r of rows.refunds) {
    const subject = `refund ${r.id}`;
    const decision = decisionById.get(r.decision_id);
    if (!validDecision(decision) || decision!.order_id !== r.order_id) flag('I1', 'refund-without-decision', subject, `order ${r.order_id}: no decision with a source (${r.decision_id})`);
    if (r.status === 'PENDING_NOTICE') continue;
    if (r.status !== 'REQUESTED') {
      flag('I2', 'refund-unknown-status', subject, `status ${r.status}`);
      continue;
    }
    if (!r.notice_id || !r.requested_at) {
      flag('I2', 'refund-requested-without-notice', subject, `order ${r.order_id}: REQUESTED with notice_id=${r.notice_id} requested_at=${r.requested_at?.toISOString()}`);
      continue;
    }
    const notice = noticeById.get(r.notice_id);
    if (!notice) {
      flag('I2', 'refund-notice-missing', subject, `order ${r.order_id}: notice ${r.notice_id} is not in the notification database`);
      continue;
    }
    if (notice.order_id !== r.order_id) flag('I2', 'refund-notice-other-order', subject, `notice ${notice.id} is about order ${notice.order_id}, not ${r.order_id}`);
    if (!notice.refund_ids.includes(r.id)) flag('I2', 'refund-not-announced', subject, `notice ${notice.id} does not announce this refund`);
    if (!['SENT', 'DELIVERED'].includes(notice.status) || !notice.reached_channels.length || !notice.notified_at) {
      flag('I2', 'refund-notice-not-delivered', subject, `notice ${notice.id} is ${notice.status}, reached ${JSON.stringify(notice.reached_channels)}`);
    } else if (notice.notified_at.getTime() > r.requested_at.getTime()) {
      flag('I2', 'refund-requested-before-notice', subject, `requested ${r.requested_at.toISOString()}, shopper reached ${notice.notified_at.toISOString()}`);
    }
  }
  // A refund waiting on a notice that failed must have a human on it (I2: "a human case opens").
  const noticesByRefund = new Map<string, typeof rows.notices>();
  for (const n of rows.notices) for (const id of n.refund_ids) noticesByRefund.set(id, [...(noticesByRefund.get(id) ?? []), n]);
  for (const r of rows.refunds) {
    if (r.status !== 'PENDING_NOTICE') continue;
    const failed = (noticesByRefund.get(r.id) ?? []).filter((n) => n.status === 'FAILED');
    if (failed.length && !(casesByOrder.get(r.order_id) ?? []).some((c) => c.type === 'UNREACHABLE_SHOPPER') && failed.every((n) => old(n.created_at))) {
      flag('I2', 'undeliverable-refund-without-case', `refund ${r.id}`, `order ${r.order_id}: notice failed and no UNREACHABLE_SHOPPER case`);
    }
    if (old(r.approved_at) && !(noticesByRefund.get(r.id) ?? []).length) {
      flag('I2', 'refund-never-noticed', `refund ${r.id}`, `order ${r.order_id}: approved ${ago(now, r.approved_at)} ago and no notice announces it`);
    }
  }

  // ---- I3: no oversell ----
  for (const s of rows.stock) {
    const subject = `stock ${s.store_id}/${s.sku}`;
    if (s.reserved > s.on_hand || s.reserved < 0 || s.on_hand < 0) flag('I3', 'oversold', subject, `on_hand ${s.on_hand}, reserved ${s.reserved}`);
    if (s.reserved !== s.held) flag('I3', 'reserved-drift', subject, `reserved ${s.reserved} but open reservations hold ${s.held}`);
  }

  // ---- I6: effects exactly once ----
  for (const [cause, list] of groupBy(rows.notices, (n) => n.cause_event_id)) {
    if (list.length > 1) flag('I6', 'duplicate-notice', `event ${cause}`, `${list.length} notices for one cause event`);
  }
  for (const [refundId, list] of noticesByRefund) {
    if (list.length > 1) flag('I6', 'refund-announced-twice', `refund ${refundId}`, `${list.length} notices announce it: ${list.map((n) => n.id).join(', ')}`);
  }
  const refundKey = new Map<string, string[]>();
  const refundedUnits = new Map<string, number>();
  for (const r of rows.refunds) {
    for (const rl of r.lines ?? []) {
      const key = `${r.order_id}/${rl.lineId}/${r.decision_id}`;
      refundKey.set(key, [...(refundKey.get(key) ?? []), r.id]);
      refundedUnits.set(rl.lineId, (refundedUnits.get(rl.lineId) ?? 0) + rl.quantity);
    }
  }
  for (const [key, ids] of refundKey) if (ids.length > 1) flag('I6', 'duplicate-refund', `order/line/decision ${key}`, `${ids.length} refunds: ${ids.join(', ')}`);
  for (const [lineId, units] of refundedUnits) {
    const line = lineById.get(lineId);
    if (line && units > line.quantity) flag('I6', 'over-refunded', `line ${lineId}`, `order ${line.order_id}: ${units} unit(s) refunded of ${line.quantity} ordered`);
  }
  for (const e of rows.refundRequestEvents) {
    if (e.n > 1) flag('I6', 'refund-requested-twice', `refund ${e.refund_id}`, `${e.n} order.refund-requested events staged`);
  }

  // ---- I5: a human is reachable ----
  for (const c of rows.cases) {
    if (c.status === 'RESOLVED') continue;
    const subject = `case ${c.id}`;
    if (!c.sla_due_at) flag('I5', 'case-without-sla', subject, `${c.type} for order ${c.order_id} has no SLA deadline`);
    else if (!c.first_contact_at && !c.breached_at && old(c.sla_due_at)) {
      flag('I5', 'sla-breach-not-escalated', subject, `SLA due ${c.sla_due_at.toISOString()} passed ${ago(now, c.sla_due_at)} ago, no contact and no breach recorded`);
    }
  }
  // Notices that nobody will ever deliver again.
  for (const n of rows.notices) {
    if (n.status === 'PENDING' && !n.next_attempt_at && old(n.created_at)) {
      flag('I4', 'notice-stuck', `notice ${n.id}`, `order ${n.order_id}: PENDING with no next attempt`);
    }
  }

  const countsByRule: Record<string, number> = {};
  for (const v of all) countsByRule[`${v.invariant} ${v.rule}`] = (countsByRule[`${v.invariant} ${v.rule}`] ?? 0) + 1;
  const kept: Violation[] = [];
  const perRule = new Map<string, number>();
  for (const v of all) {
    const n = perRule.get(v.rule) ?? 0;
    if (n < maxPerRule) kept.push(v);
    perRule.set(v.rule, n + 1);
  }
  const states = countBy(rows.orders, (o) => o.state);
  return {
    at: rows.now.toISOString(),
    graceSeconds,
    checked: {
      orders: rows.orders.length,
      ...Object.fromEntries(Object.entries(states).map(([s, n]) => [`orders ${s}`, n])),
      lines: rows.lines.length,
      decisions: rows.decisions.length,
      refunds: rows.refunds.length,
      'refunds requested': rows.refunds.filter((r) => r.status === 'REQUESTED').length,
      'refunds waiting for notice': rows.refunds.filter((r) => r.status === 'PENDING_NOTICE').length,
      notices: rows.notices.length,
      cases: rows.cases.length,
      'open cases': rows.cases.filter((c) => c.status !== 'RESOLVED').length,
      'stock rows': rows.stock.length,
      'held reservations': rows.heldByOrder.length,
      ...Object.fromEntries(Object.entries(rows.outboxBacklog).map(([s, n]) => [`unpublished outbox ${s}`, n])),
    },
    violations: kept,
    violationCount: all.length,
    countsByRule,
  };
}

export function formatReport(report: AuditReport): string {
  const out: string[] = [];
  out.push(`askfirst invariant audit at ${report.at} (grace ${report.graceSeconds}s)`);
  out.push('checked:');
  for (const [k, v] of Object.entries(report.checked)) out.push(`  ${k.padEnd(32)} ${v}`);
  out.push(`violations: ${report.violationCount}`);
  for (const [rule, n] of Object.entries(report.countsByRule)) out.push(`  ${rule.padEnd(48)} ${n}`);
  for (const v of report.violations) out.push(`  [${v.invariant} ${v.rule}] ${v.subject}: ${v.detail}`);
  return out.join('\n');
}

function groupBy<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

function countBy<T>(items: T[], key: (t: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of items) out[key(item)] = (out[key(item)] ?? 0) + 1;
  return out;
}

function ago(now: number, at: Date): string {
  return `${Math.round((now - at.getTime()) / 1000)}s`;
}
