import { ShortageResolution } from '@askfirst/contracts';
import { PendingShortage, settleLines } from './pending-shortage';

const pending: PendingShortage = {
  lines: [
    { lineId: 'l1', sku: 'CAKE', name: 'Cake', quantityOrdered: 1, quantityShort: 1 },
    { lineId: 'l2', sku: 'MILK', name: 'Milk', quantityOrdered: 2, quantityShort: 2 },
  ],
  options: [ShortageResolution.REFUND_ITEM_SHIP_REST],
  decisionDeadline: '2026-11-20T10:00:00.000Z',
  fallback: 'KEEP_HOLDING',
};

describe('settleLines', () => {
  it('removes decided lines and clears the question when none are left', () => {
    expect(settleLines(pending, ['l1'], ShortageResolution.REFUND_ITEM_SHIP_REST)?.lines.map((l) => l.lineId)).toEqual(['l2']);
    expect(settleLines(pending, ['l1', 'l2'], ShortageResolution.CANCEL_ORDER)).toBeNull();
  });

  it('keeps lines parked by KEEP_HOLDING open, and ignores unknown lines', () => {
    expect(settleLines(pending, ['l1', 'l2'], ShortageResolution.KEEP_HOLDING)).toBe(pending);
    expect(settleLines(pending, ['other'], ShortageResolution.SUBSTITUTE)?.lines).toHaveLength(2);
    expect(settleLines(null, ['l1'], ShortageResolution.SUBSTITUTE)).toBeNull();
  });
});
