import { CaseType, DecisionSource, FallbackReason, ShortageResolution } from '@askfirst/contracts';
import { NoticeKind } from '../notice-kind';
import { DecisionAccount, NoticeFacts } from './notice-facts';
import { composeNotice } from './notice-template';

const orderId = '90bfb673-1111-4222-8333-444455556666';
const refund: DecisionAccount = { source: DecisionSource.SHOPPER_PRESET, resolution: ShortageResolution.REFUND_ITEM_SHIP_REST, lineIds: ['l-1'] };
const noAnswer: DecisionAccount = { source: DecisionSource.SHOPPER_PRESET_FALLBACK, resolution: ShortageResolution.REFUND_ITEM_SHIP_REST, lineIds: ['l-1'], fallbackReason: FallbackReason.NO_ANSWER, noAnswerMinutes: 10 };
const cake = { lineId: 'l-1', sku: 'CAKE-CHOC', name: 'Chocolate cake', quantity: 1 };
const milk = { lineId: 'l-2', sku: 'MILK-1L', name: 'Milk', quantity: 2 };

function text(facts: NoticeFacts): string {
  const c = composeNotice(facts);
  return [c.subject, ...c.paragraphs, c.action?.label ?? '', c.action?.url ?? ''].join('\n');
}

describe('notice templates: every kind names the items and who decided', () => {
  const cases: [NoticeKind, NoticeFacts, string[]][] = [
    [
      NoticeKind.ORDER_CONFIRMED,
      { kind: NoticeKind.ORDER_CONFIRMED, orderId, items: [cake, { sku: 'MILK-1L', name: 'Milk', quantity: 2 }], missing: [] },
      ['Order 90BFB673 is confirmed', 'We have everything for your order: 1 × Chocolate cake and 2 × Milk.'],
    ],
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
    [NoticeKind.BACKORDER_FILLED, { kind: NoticeKind.BACKORDER_FILLED, orderId, item: cake }, ['Chocolate cake is back in stock', '1 × Chocolate cake for order 90BFB673 is on the shelf again', 'ships with your order']],
    [
      NoticeKind.ORDER_HELD,
      { kind: NoticeKind.ORDER_HELD, orderId, reviewBy: new Date('2026-11-26T12:00:00Z'), decision: { ...noAnswer, resolution: ShortageResolution.KEEP_HOLDING } },
      ['on hold', 'nothing is refunded', "you didn't answer within 10 minutes, so we applied your choice: hold the order until we reach you", '12:00 UTC on 26 Nov 2026'],
    ],
    [
      NoticeKind.ORDER_CANCELLED,
      { kind: NoticeKind.ORDER_CANCELLED, orderId, refundAmountCents: 2048, decision: { ...refund, resolution: ShortageResolution.CANCEL_ORDER }, ordered: [cake, milk] },
      ['Order 90BFB673 is cancelled', "We couldn't get the Chocolate cake. We cancelled your order: you chose at checkout: cancel the order. We're refunding 20.48.", 'Your order was: 1 × Chocolate cake and 2 × Milk.'],
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

  describe('a fallback gives its real reason', () => {
    const refunded = (decision: DecisionAccount) => text({ kind: NoticeKind.LINE_REFUND_APPROVED, orderId, item: cake, amountCents: 1250, decision });

    it('no substitute could be held: the shopper was never asked, so it never says they did not answer', () => {
      const rendered = refunded({ ...noAnswer, fallbackReason: FallbackReason.SUBSTITUTE_UNAVAILABLE });
      expect(rendered).toContain("we couldn't get a replacement, so we applied your choice: refund missing items and ship the rest");
      expect(rendered).not.toContain('answer');
    });

    it('the contact window passed unanswered', () => {
      expect(refunded(noAnswer)).toContain("you didn't answer within 10 minutes, so we applied your choice: refund missing items and ship the rest");
    });

    it('an older event without a reason: neutral words, no invented reason', () => {
      const rendered = refunded({ ...noAnswer, fallbackReason: undefined });
      expect(rendered).toContain('we applied the fallback you chose at checkout: refund missing items and ship the rest');
      expect(rendered).not.toMatch(/answer|replacement/);
    });
  });

  describe('the confirmation says "everything" only when everything is there', () => {
    const confirmed = (missing?: typeof cake[]) => text({ kind: NoticeKind.ORDER_CONFIRMED, orderId, items: [{ ...milk, sku: 'CHIPS-SALT', name: 'Salted chips' }], missing });

    it('a refunded or back-ordered line is named as missing, and the shopper is pointed to its own notice', () => {
      const rendered = confirmed([cake]);
      expect(rendered).toContain('We have 2 × Salted chips for your order.');
      expect(rendered).toContain("Not everything you ordered is there: 1 × Chocolate cake is missing. We've told you separately what happens to it.");
      expect(rendered).not.toContain('everything for your order');
    });

    it('several missing items', () => {
      expect(confirmed([cake, milk])).toContain('1 × Chocolate cake and 2 × Milk are missing. We\'ve told you separately what happens to them.');
    });

    it('claims nothing when we never saw what was ordered', () => {
      const rendered = confirmed(undefined);
      expect(rendered).toContain('Here is what we have for your order: 2 × Salted chips.');
      expect(rendered).not.toContain('everything');
    });
  });

  describe('a cancellation says in plain words who decided and why, and names the items', () => {
    const cancelled = (decision: DecisionAccount, ordered: typeof cake[] | null = [cake, milk]) =>
      text({ kind: NoticeKind.ORDER_CANCELLED, orderId, refundAmountCents: 1448, decision, ordered: ordered ?? undefined });

    it('never prints machine codes', () => {
      for (const source of Object.values(DecisionSource)) {
        for (const resolution of [ShortageResolution.CANCEL_ORDER, ShortageResolution.REFUND_ITEM_SHIP_REST]) {
          const rendered = cancelled({ source, resolution, lineIds: ['l-1'], fallbackReason: FallbackReason.NO_ANSWER });
          expect(rendered).not.toMatch(/[A-Z]{2,}_[A-Z_]+|Reason:/);
          expect(rendered).toContain('Your order was: 1 × Chocolate cake and 2 × Milk.');
        }
      }
    });

    it('the shopper cancelled: no shortage is invented', () => {
      const rendered = cancelled({ source: DecisionSource.SHOPPER, resolution: ShortageResolution.CANCEL_ORDER, lineIds: ['l-1', 'l-2'] });
      expect(rendered).toContain("We cancelled your order: you chose: cancel the order. We're refunding 14.48.");
      expect(rendered).not.toContain("couldn't");
    });

    it('the no-answer fallback cancelled it: names the missing item and the window', () => {
      expect(cancelled({ ...noAnswer, resolution: ShortageResolution.CANCEL_ORDER })).toContain(
        "We couldn't get the Chocolate cake. We cancelled your order: you didn't answer within 10 minutes, so we applied your choice: cancel the order.",
      );
    });

    it('"refund and ship the rest" with nothing left to ship', () => {
      expect(cancelled(refund)).toContain(
        "We couldn't get the Chocolate cake, and nothing else is left to ship. We cancelled your order: you chose at checkout: refund missing items and ship the rest.",
      );
    });

    it('without order.placed: no item names, still a reason', () => {
      const rendered = cancelled(refund, null);
      expect(rendered).toContain("We couldn't get some of your items, and nothing else is left to ship.");
      expect(rendered).not.toContain('Your order was');
    });
  });

  it('only the decision notice carries an action', () => {
    for (const [kind, facts] of cases) expect(composeNotice(facts).action !== undefined).toBe(kind === NoticeKind.DECISION_NEEDED);
  });
});
