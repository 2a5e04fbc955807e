import { DecisionSource, ShortageResolution } from '@askfirst/contracts';
import { NoticeKind } from '../notice-kind';
import { fillFromOrder, lineIdsNeeded } from './fill-from-order';
import { NoticeFacts } from './notice-facts';

describe('filling notices from what order.placed told us', () => {
  const known = new Map([['l-1', { name: 'Chocolate cake', noAnswerMinutes: 15 }]]);
  const fallback = { source: DecisionSource.SHOPPER_PRESET_FALLBACK, resolution: ShortageResolution.REFUND_ITEM_SHIP_REST, lineIds: ['l-1'] };

  it('names items events carry only as SKUs, and finds the no-answer window of a fallback decision', () => {
    const facts: NoticeFacts = { kind: NoticeKind.LINE_BACKORDERED, orderId: 'o', item: { lineId: 'l-1', sku: 'CAKE-CHOC', quantity: 1 }, decision: fallback };
    expect(lineIdsNeeded(facts)).toEqual(['l-1']);
    expect(fillFromOrder(facts, (id) => known.get(id))).toMatchObject({ item: { name: 'Chocolate cake' }, decision: { noAnswerMinutes: 15 } });
  });

  it('keeps a name the event carried and leaves unknown lines alone', () => {
    const facts: NoticeFacts = { kind: NoticeKind.ORDER_CONFIRMED, orderId: 'o', items: [{ lineId: 'l-1', sku: 'CAKE-CHOC', name: 'Cake (event)', quantity: 1 }, { lineId: 'l-9', sku: 'X-1', quantity: 1 }] };
    const filled = fillFromOrder(facts, (id) => known.get(id)) as Extract<NoticeFacts, { kind: NoticeKind.ORDER_CONFIRMED }>;
    expect(filled.items.map((i) => i.name)).toEqual(['Cake (event)', undefined]);
  });

  it('needs nothing for notices without lines', () => {
    expect(lineIdsNeeded({ kind: NoticeKind.ORDER_DISPATCHED, orderId: 'o' })).toEqual([]);
  });
});
