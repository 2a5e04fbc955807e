import { DecisionSource, LineState, NoAnswerFallback, OrderState, ShortageChoice, ShortageResolution, ShortageStage } from '@askfirst/contracts';
import { ids, orderSnapshot } from '../../test/builders/order-snapshot.builder';
import { contact, deadlines, decision, drain, keys, later, lineOf, NOW, rules, short, shortage } from '../../test/builders/order-steps';
import { Decision } from './decision';
import { OrderRuleCode } from './order-errors';
import { Order } from './order.aggregate';
import { deadlineFallbackDecisions, ShortagePolicy } from './shortage-policy';

// How an order waits: each line's own CONTACT_ME window, shortages after packing, back-orders filled.

describe('CONTACT_ME: each line\'s own window (ifNoAnswerWithin) is honoured', () => {
  /** Cake: 5 minutes then refund. Snacks: 60 minutes then `snacksFallback`. Both short at once. */
  const twoWindows = (snacksFallback = NoAnswerFallback.REFUND_ITEM_SHIP_REST) => {
    const base = orderSnapshot({ state: OrderState.PICKING });
    base.lines[0].policy = contact(5, NoAnswerFallback.REFUND_ITEM_SHIP_REST);
    base.lines[1].policy = contact(60, snacksFallback);
    const o = Order.rehydrate(base, rules);
    shortage(o, [short(ids.cake, 1), short(ids.snacks, 1)]);
    drain(o);
    return o;
  };
  const fallBack = (o: Order, at: Date) =>
    o.applyDeadlineFallback(deadlineFallbackDecisions(o.linesDueForFallback(at).map((id) => o.policyLine(id)), at), at);

  it('the 5-minute line falls back at 5 minutes; the 60-minute line keeps waiting until its own deadline', () => {
    const o = twoWindows();
    expect(deadlines(o)).toEqual({ [ids.cake]: later(5 * 60_000), [ids.snacks]: later(60 * 60_000) });
    expect(o.linesDueForFallback(later(5 * 60_000))).toEqual([ids.cake]);

    fallBack(o, later(5 * 60_000));
    const events = drain(o);
    expect(keys(events)).toEqual(['orderDecisionRecorded', 'orderLineRefundApproved']);
    expect(events[0].data).toMatchObject({ decision: { lineIds: [ids.cake], source: 'SHOPPER_PRESET_FALLBACK', fallbackReason: 'NO_ANSWER' } });
    expect(o.state).toBe(OrderState.AWAITING_SHOPPER_DECISION);
    expect(o.waitingLineIds()).toEqual([ids.snacks]);
    expect(o.waiting()).toEqual({ owner: 'SHOPPER', deadline: later(60 * 60_000) });
    expect(() => fallBack(o, later(59 * 60_000))).toThrow(expect.objectContaining({ code: OrderRuleCode.DECISION_CONFLICT }));

    fallBack(o, later(60 * 60_000));
    expect(drain(o)[0].data).toMatchObject({ decision: { lineIds: [ids.snacks], fallbackReason: 'NO_ANSWER' } });
    expect(o.state).toBe(OrderState.PICKING);
  });

  it('the shopper answers one line: the order waits on for the other line\'s deadline', () => {
    const o = twoWindows();
    o.decide(decision(DecisionSource.SHOPPER, ShortageResolution.WAIT_FOR_RESTOCK, [ids.cake]), NOW);
    expect(o.state).toBe(OrderState.AWAITING_SHOPPER_DECISION);
    expect(o.waiting()!.deadline).toEqual(later(60 * 60_000));
  });

  it('fallbacks are only for lines whose window closed, each for no answer', () => {
    const o = twoWindows();
    const at = later(5 * 60_000);
    const both = deadlineFallbackDecisions([o.policyLine(ids.cake), o.policyLine(ids.snacks)], at);
    expect(() => o.applyDeadlineFallback(both, at)).toThrow(expect.objectContaining({ code: OrderRuleCode.INVALID_DECISION }));
    const unexplained = Decision.record({ source: DecisionSource.SHOPPER_PRESET_FALLBACK, resolution: ShortageResolution.REFUND_ITEM_SHIP_REST, lineIds: [ids.cake], decidedAt: at });
    expect(() => Order.rehydrate(o.snapshot(), rules).applyDeadlineFallback([unexplained], at)).toThrow(expect.objectContaining({ code: OrderRuleCode.INVALID_DECISION }));
  });

  it('KEEP_HOLDING on one line while another still waits: held, escalated, and ON_HOLD once the other is settled', () => {
    const base = orderSnapshot({ state: OrderState.PICKING });
    base.lines[0].policy = contact(5, NoAnswerFallback.KEEP_HOLDING);
    base.lines[1].policy = contact(60, NoAnswerFallback.REFUND_ITEM_SHIP_REST);
    const o = Order.rehydrate(base, rules);
    shortage(o, [short(ids.cake, 1), short(ids.snacks, 1)]);
    drain(o);
    fallBack(o, later(5 * 60_000));
    const [, held] = drain(o);
    expect(held).toMatchObject({ key: 'orderHeld', data: { reviewBy: later(35 * 60_000).toISOString() } });
    expect(o.state).toBe(OrderState.AWAITING_SHOPPER_DECISION);
    expect(deadlines(o)).toEqual({ [ids.cake]: undefined, [ids.snacks]: later(60 * 60_000) });

    fallBack(o, later(60 * 60_000));
    expect(o.state).toBe(OrderState.ON_HOLD);
    expect(o.waiting()).toEqual({ owner: 'SUPERVISOR', deadline: later(35 * 60_000) });
    expect(o.waitingLineIds()).toEqual([ids.cake]);
  });

  it('a CANCEL_ORDER fallback ends the order even when another due line would have been refunded', () => {
    const base = orderSnapshot({ state: OrderState.PICKING });
    base.lines[0].policy = contact(5, NoAnswerFallback.CANCEL_ORDER);
    base.lines[1].policy = contact(5, NoAnswerFallback.REFUND_ITEM_SHIP_REST);
    const o = Order.rehydrate(base, rules);
    shortage(o, [short(ids.cake, 1), short(ids.snacks, 1)]);
    drain(o);
    fallBack(o, later(5 * 60_000));
    expect(o.state).toBe(OrderState.CANCELLED);
    expect(o.snapshot().refunds).toEqual([expect.objectContaining({ amountCents: 2100, reason: 'ORDER_CANCELLED' })]);
  });
});

describe('a shortage after the order is packed (READY): a recount took its stock', () => {
  const ready = (policy: ShortagePolicy) => {
    const base = orderSnapshot({ state: OrderState.READY });
    base.lines[0].policy = policy;
    const o = Order.rehydrate(base, rules);
    shortage(o, [short(ids.cake, 1)], ShortageStage.PICKING, [ids.snacks]);
    return o;
  };

  it('REFUND_ITEM_SHIP_REST: refunded after notice, the rest still ships', () => {
    const o = ready({ choice: ShortageChoice.REFUND_ITEM_SHIP_REST });
    expect(keys(drain(o))).toEqual(['orderDecisionRecorded', 'orderLineRefundApproved']);
    expect(o.state).toBe(OrderState.READY);
    o.dispatch(NOW);
    expect(o.state).toBe(OrderState.DISPATCHED);
  });

  it('CONTACT_ME: the shopper is asked; the answer brings the order back to READY', () => {
    const o = ready(contact(10, NoAnswerFallback.REFUND_ITEM_SHIP_REST));
    expect(keys(drain(o))).toEqual(['orderAwaitingShopperDecision']);
    expect(o.state).toBe(OrderState.AWAITING_SHOPPER_DECISION);
    expect(() => o.dispatch(NOW)).toThrow(expect.objectContaining({ code: OrderRuleCode.TRANSITION_NOT_ALLOWED }));
    o.decide(decision(DecisionSource.SHOPPER, ShortageResolution.REFUND_ITEM_SHIP_REST, [ids.cake]), NOW);
    expect(o.state).toBe(OrderState.READY);
  });

  it('SUBSTITUTE: not dispatched until inventory answers the substitution', () => {
    const o = ready({ choice: ShortageChoice.SUBSTITUTE, thenFallback: NoAnswerFallback.REFUND_ITEM_SHIP_REST });
    expect(keys(drain(o))).toEqual(['orderDecisionRecorded', 'orderSubstitutionRequested']);
    expect(o.state).toBe(OrderState.READY);
    expect(() => o.dispatch(NOW)).toThrow(expect.objectContaining({ code: OrderRuleCode.DECISION_CONFLICT }));
    o.substituteReserved(ids.cake, o.snapshot().decisions[0].id, { sku: 'CAKE-CHOC', name: 'Chocolate cake', quantity: 1, unitPriceCents: 1400 }, NOW);
    o.dispatch(NOW);
    expect(o.state).toBe(OrderState.DISPATCHED);
  });

  it('CANCEL_ORDER: the whole order is cancelled and refunded after notice', () => {
    const o = ready({ choice: ShortageChoice.CANCEL_ORDER });
    expect(keys(drain(o))).toEqual(['orderDecisionRecorded', 'orderCancelled']);
    expect(o.state).toBe(OrderState.CANCELLED);
  });
});

describe('back-orders', () => {
  it('a filled back-order is held again and published for the shopper (order.backorder-filled)', () => {
    const base = orderSnapshot({ state: OrderState.PICKING });
    Object.assign(base.lines[1], { state: LineState.BACKORDERED, shortQuantity: 2 });
    const o = Order.rehydrate(base, rules);
    o.fillBackorder(ids.snacks, NOW);
    expect(drain(o)).toEqual([{
      key: 'orderBackorderFilled',
      data: { orderId: ids.order, shopperId: 'shopper-a', storeId: 'store-1', lineId: ids.snacks, sku: 'SNACK-MIX', quantity: 2 },
    }]);
    expect(lineOf(o, ids.snacks)).toMatchObject({ state: LineState.RESERVED, shortQuantity: 0 });
  });
});
