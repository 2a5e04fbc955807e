// The audit's checks on hand-made states: a clean saga passes, and each invariant breach is found.
import { AuditRows, checkInvariants, databaseUrlsFromSystem, defaultDatabaseUrls } from '../../tools/audit/audit';

const NOW = new Date('2026-11-26T12:00:00Z');
const ago = (s: number) => new Date(NOW.getTime() - s * 1000);
const O = '00000000-0000-4000-8000-000000000001';
const L1 = '00000000-0000-4000-8000-0000000000a1';
const L2 = '00000000-0000-4000-8000-0000000000a2';
const D = '00000000-0000-4000-8000-0000000000d1';
const R = '00000000-0000-4000-8000-0000000000f1';
const N = '00000000-0000-4000-8000-0000000000e1';

/** One order, line 2 short and refunded after a delivered notice: every invariant holds. */
function clean(): AuditRows {
  return {
    now: NOW,
    orders: [{ id: O, state: 'CONFIRMED', decision_deadline: null, hold_review_by: null, placed_at: ago(600), updated_at: ago(500) }],
    lines: [
      { id: L1, order_id: O, state: 'RESERVED', quantity: 1, waiting_for: null, unit_price_cents: 100 },
      { id: L2, order_id: O, state: 'REFUNDED', quantity: 2, waiting_for: null, unit_price_cents: 250 },
    ],
    decisions: [{ id: D, order_id: O, source: 'SHOPPER_PRESET', resolution: 'REFUND_ITEM_SHIP_REST', line_ids: [L2], decided_at: ago(590) }],
    refunds: [{ id: R, order_id: O, decision_id: D, status: 'REQUESTED', amount_cents: 500, lines: [{ lineId: L2, quantity: 2, amountCents: 500 }], approved_at: ago(590), requested_at: ago(580), notice_id: N }],
    refundRequestEvents: [{ refund_id: R, n: 1 }],
    orderOutboxUnpublished: 0,
    notices: [{ id: N, cause_event_id: '00000000-0000-4000-8000-0000000000c1', order_id: O, status: 'DELIVERED', refund_ids: [R], reached_channels: ['EMAIL'], notified_at: ago(585), next_attempt_at: null, created_at: ago(589) }],
    stock: [{ store_id: 's', sku: 'A', on_hand: 10, reserved: 1, held: 1 }],
    heldByOrder: [{ order_id: O, held: 1 }],
    cases: [],
    outboxBacklog: { order: 0, inventory: 0, notification: 0, 'customer-service': 0 },
  };
}

const rules = (rows: AuditRows) => Object.keys(checkInvariants(rows, { graceSeconds: 60 }).countsByRule).sort();

describe('invariant audit', () => {
  it('passes a clean saga and counts what it checked', () => {
    const report = checkInvariants(clean());
    expect(report.violationCount).toBe(0);
    expect(report.checked).toMatchObject({ orders: 1, lines: 2, refunds: 1, notices: 1, 'stock rows': 1 });
  });

  it('I2: a refund requested before the notice reached the shopper', () => {
    const rows = clean();
    rows.notices[0].notified_at = ago(570);
    expect(rules(rows)).toEqual(['I2 refund-requested-before-notice']);
  });

  it('I2: a refund requested without a notice, or with one that never got through', () => {
    const rows = clean();
    rows.refunds[0].notice_id = null;
    expect(rules(rows)).toEqual(['I2 refund-requested-without-notice']);
    const failed = clean();
    failed.notices[0] = { ...failed.notices[0], status: 'FAILED', reached_channels: [], notified_at: null };
    expect(rules(failed)).toEqual(['I2 refund-notice-not-delivered']);
    const missing = clean();
    missing.notices = [];
    expect(rules(missing)).toEqual(['I2 refund-notice-missing']);
  });

  it('I1: a line refunded with no decision naming it', () => {
    const rows = clean();
    rows.decisions[0].line_ids = [L1];
    expect(rules(rows)).toEqual(['I1 line-changed-without-decision']);
  });

  it('I3: reserved above on-hand, and reserved that open reservations do not explain', () => {
    const rows = clean();
    rows.stock.push({ store_id: 's', sku: 'B', on_hand: 1, reserved: 2, held: 2 }, { store_id: 's', sku: 'C', on_hand: 5, reserved: 3, held: 1 });
    expect(rules(rows)).toEqual(['I3 oversold', 'I3 reserved-drift']);
  });

  it('I4: a deadline that did not fire, an order stuck in RESERVING, an ON_HOLD without a supervisor', () => {
    const rows = clean();
    const id = (n: number) => `00000000-0000-4000-8000-00000000010${n}`;
    rows.orders.push(
      { id: id(1), state: 'AWAITING_SHOPPER_DECISION', decision_deadline: ago(120), hold_review_by: null, placed_at: ago(300), updated_at: ago(200) },
      { id: id(2), state: 'RESERVING', decision_deadline: null, hold_review_by: null, placed_at: ago(300), updated_at: ago(300) },
      { id: id(3), state: 'ON_HOLD', decision_deadline: null, hold_review_by: null, placed_at: ago(300), updated_at: ago(300) },
    );
    rows.lines.push({ id: id(4), order_id: id(1), state: 'SHORT', quantity: 1, waiting_for: 'SHOPPER', unit_price_cents: 1 });
    rows.cases.push({ id: id(5), order_id: id(1), type: 'SHORTAGE_CONTACT', status: 'OPEN', sla_due_at: ago(-60), first_contact_at: null, breached_at: null, opened_at: ago(200) });
    expect(rules(rows)).toEqual(['I1 hold-without-decision', 'I4 deadline-did-not-fire', 'I4 hold-without-deadline', 'I4 hold-without-supervisor', 'I4 stuck-in-transit']);
  });

  it('I4 within the grace period is work in flight, not a violation', () => {
    const rows = clean();
    rows.orders.push({ id: '00000000-0000-4000-8000-000000000201', state: 'RESERVING', decision_deadline: null, hold_review_by: null, placed_at: ago(5), updated_at: ago(5) });
    expect(rules(rows)).toEqual([]);
  });

  it('I5: an open case whose SLA passed with no contact and no breach recorded', () => {
    const rows = clean();
    rows.cases.push({ id: '00000000-0000-4000-8000-000000000301', order_id: O, type: 'SHOPPER_ASKED_FOR_HUMAN', status: 'OPEN', sla_due_at: ago(300), first_contact_at: null, breached_at: null, opened_at: ago(420) });
    expect(rules(rows)).toEqual(['I5 sla-breach-not-escalated']);
  });

  it('I6: two notices for one cause, two refunds for one (order, line, decision), a refund requested twice', () => {
    const rows = clean();
    rows.notices.push({ ...rows.notices[0], id: '00000000-0000-4000-8000-0000000000e2', refund_ids: [] });
    rows.refunds.push({ ...rows.refunds[0], id: '00000000-0000-4000-8000-0000000000f2', status: 'PENDING_NOTICE', requested_at: null, notice_id: null });
    rows.refundRequestEvents[0].n = 2;
    expect(rules(rows)).toEqual(['I2 refund-never-noticed', 'I6 duplicate-notice', 'I6 duplicate-refund', 'I6 over-refunded', 'I6 refund-requested-twice']);
  });

  it('reads database URLs from the environment and from the harness', () => {
    const env = defaultDatabaseUrls({ DATABASE_URL: 'postgres://u:p@db:6543/postgres', AUDIT_ORDER_DATABASE_URL: 'postgres://x/order_db' });
    expect(env).toEqual({
      order: 'postgres://x/order_db', inventory: 'postgres://u:p@db:6543/askfirst_inventory',
      notification: 'postgres://u:p@db:6543/askfirst_notification', 'customer-service': 'postgres://u:p@db:6543/askfirst_customer_service',
    });
    expect(databaseUrlsFromSystem(JSON.stringify({ databaseUrls: { 'customer-service': 'postgres://h/cs' } }), env)['customer-service']).toBe('postgres://h/cs');
  });
});
