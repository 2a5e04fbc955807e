import { copyPlain, samePlain } from '../domain/plain-data';
import { toRows, toSnapshot } from './order.mapper';
import { rowsFromLoaded } from './order-load.sql';

const ORDER = '6f1c1c4e-0000-4000-8000-000000000001';
const CAKE = '6f1c1c4e-0000-4000-8000-000000000002';
const DECISION = '6f1c1c4e-0000-4000-8000-000000000003';
const REFUND = '6f1c1c4e-0000-4000-8000-000000000004';

/** One row of LOAD_ORDERS_SQL as pg returns it: children as JSON, timestamps in them as strings. */
function loadedRow() {
  const at = '2026-11-27T10:00:00.123+00:00';
  return {
    id: ORDER, shopper_id: 'shopper-1', store_id: 'store-1', currency: 'EUR', state: 'CONFIRMED', resume_state: null, policy: 'CONTACT_ME',
    decision_deadline: null, hold_review_by: null, shortage_stage: 'PICKING', correlation_id: 'c-1', placed_at: new Date(at), updated_at: new Date(at), version: 3,
    _lines: [{
      id: CAKE, order_id: ORDER, position: 0, sku: 'CAKE', name: 'Cream cake', quantity: 2, unit_price_cents: 1299, policy: 'CONTACT_ME', state: 'SHORT',
      short_quantity: 1, refunded_quantity: 0, waiting_for: 'SHOPPER', decision_deadline: at, pending_decision_id: null,
      shortage: { stage: 'PICKING', substitutes: [{ sku: 'CAKE-CHOC', name: 'Chocolate cake', available: 2, unitPriceCents: 1399 }] },
      substitute: { sku: 'CAKE-CHOC', name: 'Chocolate cake', quantity: 1, unitPriceCents: 1399 },
    }],
    _decisions: [{ id: DECISION, order_id: ORDER, source: 'SHOPPER', resolution: 'REFUND_ITEM_SHIP_REST', line_ids: [CAKE], substitute_sku: null, decided_at: at, decided_by: 'shopper-1', case_id: null, fallback_reason: null }],
    _refunds: [{ id: REFUND, order_id: ORDER, decision_id: DECISION, status: 'APPROVED', reason: 'SHORTAGE', amount_cents: 1299, lines: [{ lineId: CAKE, sku: 'CAKE', quantity: 1, amountCents: 1299 }], approved_at: at, requested_at: null, notice_id: null }],
  };
}

describe('order mapper', () => {
  it('gives a snapshot that shares nothing changeable with the rows (the repository keeps and compares them)', () => {
    const rows = rowsFromLoaded(loadedRow());
    const before = copyPlain(rows);
    const snapshot = toSnapshot(rows);
    // Change every nested value the aggregate holds, in place.
    const line = snapshot.lines[0];
    line.shortage!.substitutes[0].available = 0;
    line.shortage!.substitutes.push({ sku: 'X', name: 'X', available: 1, unitPriceCents: 1 });
    line.substitute!.quantity = 2;
    snapshot.decisions[0].lineIds.push('another');
    snapshot.refunds[0].lines[0].quantity = 2;
    snapshot.lines.push({ ...line, id: 'new-line' });
    expect(samePlain(rows, before)).toBe(true);
  });

  it('writes back rows equal to the rows read when nothing changed', () => {
    const rows = rowsFromLoaded(loadedRow());
    const again = toRows(toSnapshot(rows));
    expect(again.lines.map((l, i) => samePlain(l, rows.lines[i]))).toEqual([true]);
    expect(again.refunds.map((r, i) => samePlain(r, rows.refunds[i]))).toEqual([true]);
    expect(samePlain(again.decisions[0].lineIds, rows.decisions[0].lineIds)).toBe(true);
  });
});
