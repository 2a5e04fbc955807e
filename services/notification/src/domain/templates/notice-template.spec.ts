import { CaseType, DecisionSource, ShortageResolution } from '@askfirst/contracts';
import { NoticeKind } from '../notice-kind';
import { DecisionAccount, NoticeFacts } from './notice-facts';
import { composeNotice } from './notice-template';

const orderId = '90bfb673-1111-4222-8333-444455556666';
const refund: DecisionAccount = { source: DecisionSource.SHOPPER_PRESET, resolution: ShortageResolution.REFUND_ITEM_SHIP_REST, lineIds: ['l-1'] };
const cake = { lineId: 'l-1', sku: 'CAKE-CHOC', name: 'Chocolate cake', quantity: 1 };

function text(facts: NoticeFacts): string {
  const c = composeNotice(facts);
  return [c.subject, ...c.paragraphs, c.action?.label ?? '', c.action?.url ?? ''].join('\n');
}

describe('notice templates: every kind names the items and who decided', () => {
  const cases: [NoticeKind, NoticeFacts, string[]][] = [
    [NoticeKind.ORDER_CONFIRMED, { kind: NoticeKind.ORDER_CONFIRMED, orderId, items: [cake, { sku: 'MILK-1L', name: 'Milk', quantity: 2 }] }, ['Order 90BFB673 is confirmed', '1 × Chocolate cake and 2 × Milk']],
    [
      NoticeKind.DECISION_NEEDED,
      {
        kind: NoticeKind.DECISION_NEEDED,
        orderId,
        shortItems: [{ lineId: 'l-1', sku: 'CAKE-CHOC', name: 'Chocolate cake', quantityOrdered: 2, quantityShort: 1, substitutes: [{ sku: 'CAKE-VAN', name: 'Vanilla cake' }] }],
        options: [ShortageResolution.SUBSTITUTE, ShortageResolution.REFUND_ITEM_SHIP_REST],
        deadline: new Date('2026-11-26T10:10:00Z'),
        fallback: 'CANCEL_ORDER',
        link: 'https://shop.example/d/t',
      },
      ["We're missing Chocolate cake", 'We can only get 1 of the 2 × Chocolate cake', '- Replace it with Vanilla cake', '- Refund the Chocolate cake, ship the rest', "Please choose by 10:10 UTC on 26 Nov 2026. If we don't hear from you by then, we'll cancel the order, as you chose at checkout.", 'https://shop.example/d/t'],
    ],
    [NoticeKind.LINE_REFUND_APPROVED, { kind: NoticeKind.LINE_REFUND_APPROVED, orderId, item: cake, amountCents: 1250, decision: refund }, ["We couldn't get 1 × Chocolate cake", 'refunding 12.50', 'you chose at checkout: refund missing items and ship the rest']],
    [
      NoticeKind.LINE_SUBSTITUTED,
      { kind: NoticeKind.LINE_SUBSTITUTED, orderId, item: cake, substituteName: 'Vanilla cake', decision: { source: DecisionSource.AGENT_FOR_SHOPPER, resolution: ShortageResolution.SUBSTITUTE, lineIds: ['l-1'], substituteName: 'Vanilla cake' } },
      ['Chocolate cake replaced with Vanilla cake', "you'll get 1 × Vanilla cake instead: as you asked our agent: replace it with Vanilla cake"],
    ],
    [NoticeKind.LINE_BACKORDERED, { kind: NoticeKind.LINE_BACKORDERED, orderId, item: cake, decision: { ...refund, source: DecisionSource.SHOPPER, resolution: ShortageResolution.WAIT_FOR_RESTOCK } }, ['Chocolate cake is back-ordered', 'you chose: wait for the item to be restocked']],
    [
      NoticeKind.ORDER_HELD,
      { kind: NoticeKind.ORDER_HELD, orderId, reviewBy: new Date('2026-11-26T12:00:00Z'), decision: { source: DecisionSource.SHOPPER_PRESET_FALLBACK, resolution: ShortageResolution.KEEP_HOLDING, lineIds: ['l-1'], noAnswerMinutes: 10 } },
      ['on hold', 'nothing is refunded', "you didn't answer within 10 minutes, so we applied your choice: hold the order until we reach you", '12:00 UTC on 26 Nov 2026'],
    ],
    [
      NoticeKind.ORDER_CANCELLED,
      { kind: NoticeKind.ORDER_CANCELLED, orderId, reason: 'Every item was short', refundAmountCents: 2048, decision: { ...refund, resolution: ShortageResolution.CANCEL_ORDER } },
      ['Order 90BFB673 is cancelled', 'you chose at checkout: cancel the order', 'refunding 20.48', 'Reason: Every item was short'],
    ],
    [NoticeKind.ORDER_DISPATCHED, { kind: NoticeKind.ORDER_DISPATCHED, orderId }, ['on its way']],
    [NoticeKind.ORDER_DELIVERED, { kind: NoticeKind.ORDER_DELIVERED, orderId }, ['was delivered']],
    [NoticeKind.CASE_OPENED, { kind: NoticeKind.CASE_OPENED, orderId, caseType: CaseType.SHOPPER_ASKED_FOR_HUMAN, slaDueAt: new Date('2026-11-26T10:02:00Z') }, ['A person will contact you', 'because you asked to talk to a person', 'by 10:02 UTC']],
    [NoticeKind.AGENT_JOINED, { kind: NoticeKind.AGENT_JOINED, orderId, caseType: CaseType.SHORTAGE_CONTACT }, ['An agent is looking at order 90BFB673', "about the items we're missing"]],
  ];

  it('covers every notice kind', () => {
    expect(cases.map(([kind]) => kind).sort()).toEqual(Object.values(NoticeKind).sort());
  });

  it.each(cases)('%s', (_kind, facts, phrases) => {
    const rendered = text(facts);
    for (const phrase of phrases) expect(rendered).toContain(phrase);
  });

  it('falls back to the SKU when the order never told us the name', () => {
    expect(text({ kind: NoticeKind.LINE_BACKORDERED, orderId, item: { sku: 'CAKE-CHOC', quantity: 1 }, decision: refund })).toContain('CAKE-CHOC is back-ordered');
  });

  it('only the decision notice carries an action', () => {
    for (const [kind, facts] of cases) expect(composeNotice(facts).action !== undefined).toBe(kind === NoticeKind.DECISION_NEEDED);
  });
});
