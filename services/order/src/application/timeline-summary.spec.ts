import { summarizeEvent } from './timeline-summary';

const fallback = { decisionId: 'd', source: 'SHOPPER_PRESET_FALLBACK', resolution: 'REFUND_ITEM_SHIP_REST', lineIds: ['l'], fallbackReason: 'NO_ANSWER' };

describe('timeline summaries a person can read', () => {
  it('money in the order\'s currency, not cents', () => {
    expect(summarizeEvent('order.line-refund-approved.v1', { quantity: 1, sku: 'CAKE-CREAM', amountCents: 1299 }, 'EUR'))
      .toBe('Refund of 1 x CAKE-CREAM (12.99 EUR) approved; requested once the shopper is told');
    expect(summarizeEvent('order.cancelled.v1', { reason: 'every line is short', refundAmountCents: 2100 }, 'EUR'))
      .toBe('Order cancelled: every line is short; refund 21.00 EUR after notice');
    expect(summarizeEvent('order.refund-requested.v1', { refundId: 'r1', amountCents: 1500, currency: 'EUR', noticeId: 'n1' }))
      .toBe('Refund r1 of 15.00 EUR requested after notice n1');
  });

  it('a currency without minor units, and an amount whose currency is unknown', () => {
    expect(summarizeEvent('order.cancelled.v1', { reason: 'x', refundAmountCents: 1299 }, 'JPY')).toBe('Order cancelled: x; refund 1299 JPY after notice');
    expect(summarizeEvent('order.cancelled.v1', { reason: 'x', refundAmountCents: 5 })).toBe('Order cancelled: x; refund 5 cents after notice');
  });

  it('says why a fallback applied', () => {
    expect(summarizeEvent('order.decision-recorded.v1', { decision: fallback }))
      .toBe('Decision recorded (REFUND_ITEM_SHIP_REST by SHOPPER_PRESET_FALLBACK: nobody answered in time) for 1 line(s)');
    expect(summarizeEvent('order.decision-recorded.v1', { decision: { ...fallback, fallbackReason: 'SUBSTITUTE_UNAVAILABLE' } }))
      .toContain('no substitute could be held');
  });

  it('a back-order filled by a restock', () => {
    expect(summarizeEvent('order.backorder-filled.v1', { quantity: 2, sku: 'SNACK-MIX' }))
      .toBe('The back-order is filled: 2 x SNACK-MIX held again and ships with the order');
  });
});
