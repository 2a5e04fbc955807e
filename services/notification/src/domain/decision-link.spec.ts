import { ShortageResolution } from '@askfirst/contracts';
import { DecisionLink, DecisionLinkErrorCode, LinkUseOutcome } from './decision-link';

const deadline = new Date('2026-11-26T10:10:00Z');
const before = new Date('2026-11-26T10:00:00Z');

function link() {
  return DecisionLink.issue('link-1', 'notice-1', {
    orderId: 'o-1',
    shopperId: 's-1',
    shortItems: [{ lineId: 'l-1', sku: 'CAKE-CHOC', name: 'Chocolate cake', quantityOrdered: 1, quantityShort: 1, substitutes: [] }],
    options: [ShortageResolution.REFUND_ITEM_SHIP_REST, ShortageResolution.CANCEL_ORDER],
    deadline,
    fallback: 'REFUND_ITEM_SHIP_REST',
  });
}

const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return (error as { code?: string }).code;
  }
  return undefined;
};

describe('DecisionLink', () => {
  it('expires at the decision deadline', () => {
    expect(link().expiresAt).toEqual(deadline);
    expect(codeOf(() => link().choose('CANCEL_ORDER', deadline))).toBe(DecisionLinkErrorCode.EXPIRED);
  });

  it('accepts only a choice it offered', () => {
    expect(link().choose('CANCEL_ORDER', before)).toMatchObject({ resolution: 'CANCEL_ORDER' });
    expect(codeOf(() => link().choose('WAIT_FOR_RESTOCK', before))).toBe(DecisionLinkErrorCode.UNKNOWN_CHOICE);
    expect(codeOf(() => link().choose('SUBSTITUTE:CAKE-VAN', before))).toBe(DecisionLinkErrorCode.UNKNOWN_CHOICE);
  });

  it('is single-use: once spent, neither choosing nor spending again works', () => {
    const l = link();
    const choice = l.choose('REFUND_ITEM_SHIP_REST', before);
    l.markUsed(choice, LinkUseOutcome.ACCEPTED, before);
    expect(l.use).toEqual({ usedAt: before, choice: 'REFUND_ITEM_SHIP_REST', outcome: 'ACCEPTED' });
    expect(codeOf(() => l.choose('CANCEL_ORDER', before))).toBe(DecisionLinkErrorCode.ALREADY_USED);
    expect(codeOf(() => l.markUsed(choice, LinkUseOutcome.TOO_LATE, before))).toBe(DecisionLinkErrorCode.ALREADY_USED);
  });

  it("records the order service's answer even if the deadline passed while it answered", () => {
    const l = link();
    const choice = l.choose('CANCEL_ORDER', before);
    l.markUsed(choice, LinkUseOutcome.ACCEPTED, new Date(deadline.getTime() + 1));
    expect(l.use?.outcome).toBe('ACCEPTED');
  });

  it('names every short line for the decision', () => {
    expect(link().lineIds()).toEqual(['l-1']);
  });
});
