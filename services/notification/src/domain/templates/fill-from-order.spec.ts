import { DecisionSource, ShortageResolution } from '@askfirst/contracts';
import { NoticeKind } from '../notice-kind';
import { fillFromOrder, needsOrderedLines } from './fill-from-order';
import { NoticeFacts } from './notice-facts';

type Facts<K extends NoticeKind> = Extract<NoticeFacts, { kind: K }>;

describe('filling notices from what order.placed told us', () => {
  const cake = { lineId: 'l-1', sku: 'CAKE-CHOC', name: 'Chocolate cake', quantity: 1, noAnswerMinutes: 15 };
  const chips = { lineId: 'l-2', sku: 'CHIPS-SALT', name: 'Salted chips', quantity: 2, noAnswerMinutes: 15 };
  const fallback = { source: DecisionSource.SHOPPER_PRESET_FALLBACK, resolution: ShortageResolution.REFUND_ITEM_SHIP_REST, lineIds: ['l-1'] };

  it('names items events carry only as SKUs, and finds the no-answer window of a fallback decision', () => {
    const facts: NoticeFacts = { kind: NoticeKind.LINE_BACKORDERED, orderId: 'o', item: { lineId: 'l-1', sku: 'CAKE-CHOC', quantity: 1 }, decision: fallback };
    expect(needsOrderedLines(facts)).toBe(true);
    expect(fillFromOrder(facts, [cake])).toMatchObject({ item: { name: 'Chocolate cake' }, decision: { noAnswerMinutes: 15 } });
  });

  it('names the item of a filled back-order', () => {
    const facts: NoticeFacts = { kind: NoticeKind.BACKORDER_FILLED, orderId: 'o', item: { lineId: 'l-1', sku: 'CAKE-CHOC', quantity: 1 } };
    expect(fillFromOrder(facts, [cake])).toMatchObject({ item: { name: 'Chocolate cake' } });
  });

  it('keeps a name the event carried and leaves unknown lines alone', () => {
    const facts: NoticeFacts = { kind: NoticeKind.ORDER_CONFIRMED, orderId: 'o', items: [{ lineId: 'l-1', sku: 'CAKE-CHOC', name: 'Cake (event)', quantity: 1 }, { lineId: 'l-9', sku: 'X-1', quantity: 1 }] };
    const filled = fillFromOrder(facts, [cake]) as Facts<NoticeKind.ORDER_CONFIRMED>;
    expect(filled.items.map((i) => i.name)).toEqual(['Cake (event)', undefined]);
  });

  it('a confirmation misses the ordered units it does not carry, and misses nothing when all are there', () => {
    const confirm = (lines: { lineId: string; sku: string; quantity: number }[]) =>
      (fillFromOrder({ kind: NoticeKind.ORDER_CONFIRMED, orderId: 'o', items: lines }, [cake, chips]) as Facts<NoticeKind.ORDER_CONFIRMED>).missing;
    expect(confirm([{ lineId: 'l-2', sku: 'CHIPS-SALT', quantity: 2 }])).toEqual([{ lineId: 'l-1', sku: 'CAKE-CHOC', name: 'Chocolate cake', quantity: 1 }]);
    expect(confirm([{ lineId: 'l-1', sku: 'CAKE-CHOC', quantity: 0 }, { lineId: 'l-2', sku: 'CHIPS-SALT', quantity: 1 }])).toEqual([
      { lineId: 'l-1', sku: 'CAKE-CHOC', name: 'Chocolate cake', quantity: 1 },
      { lineId: 'l-2', sku: 'CHIPS-SALT', name: 'Salted chips', quantity: 1 },
    ]);
    expect(confirm([{ lineId: 'l-1', sku: 'CAKE-CHOC', quantity: 1 }, { lineId: 'l-2', sku: 'CHIPS-SALT', quantity: 2 }])).toEqual([]);
  });

  it('knows nothing is missing or ordered when it never saw the order placed', () => {
    const confirmed = fillFromOrder({ kind: NoticeKind.ORDER_CONFIRMED, orderId: 'o', items: [] }, []) as Facts<NoticeKind.ORDER_CONFIRMED>;
    expect(confirmed.missing).toBeUndefined();
    const cancelled = fillFromOrder({ kind: NoticeKind.ORDER_CANCELLED, orderId: 'o', refundAmountCents: 0, decision: fallback }, []) as Facts<NoticeKind.ORDER_CANCELLED>;
    expect(cancelled.ordered).toBeUndefined();
  });

  it('a cancellation lists what was ordered', () => {
    const cancelled = fillFromOrder({ kind: NoticeKind.ORDER_CANCELLED, orderId: 'o', refundAmountCents: 0, decision: fallback }, [cake, chips]) as Facts<NoticeKind.ORDER_CANCELLED>;
    expect(cancelled.ordered?.map((i) => `${i.quantity} ${i.name}`)).toEqual(['1 Chocolate cake', '2 Salted chips']);
  });

  it('needs nothing for notices without lines', () => {
    expect(needsOrderedLines({ kind: NoticeKind.ORDER_DISPATCHED, orderId: 'o' })).toBe(false);
  });
});
