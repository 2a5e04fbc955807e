import { DecisionSource, LineState, OrderState, ShortageResolution } from '@askfirst/contracts';
import { contactMe, ids, orderSnapshot } from '../../test/builders/order-snapshot.builder';
import { decision, drain, keys, later, lineOf, NOW, rules, short, shortage } from '../../test/builders/order-steps';
import { OrderRuleCode } from './order-errors';
import { Order } from './order.aggregate';
import { RefundStatus } from './refund';

// A shopper who chose to wait for a restock (WAIT_FOR_RESTOCK) is never dispatched without the line,
// and may change their mind until the order leaves: a refund of the line, or cancelling the order.

const { SHOPPER, AGENT_FOR_SHOPPER, SHOPPER_PRESET } = DecisionSource;
const { WAIT_FOR_RESTOCK, REFUND_ITEM_SHIP_REST, CANCEL_ORDER, SUBSTITUTE } = ShortageResolution;
/** When the shopper changes their mind: after the back-order was decided (at NOW). */
const LATER = later(60_000);

/** The cake came up short in `state` (CONTACT_ME) and the shopper chose to wait for it; the snacks are held. */
function waitingForCake(state = OrderState.READY, cake: { quantity?: number; short?: number } = {}): Order {
  const base = orderSnapshot({ state });
  Object.assign(base.lines[0], { quantity: cake.quantity ?? 1, policy: contactMe });
  const o = Order.rehydrate(base, rules);
  shortage(o, [short(ids.cake, cake.short ?? 1)]);
  o.decide(decision(SHOPPER, WAIT_FOR_RESTOCK, [ids.cake]), NOW);
  drain(o);
  expect(o.state).toBe(state);
  expect(lineOf(o, ids.cake).state).toBe(LineState.BACKORDERED);
  return o;
}

describe('dispatch while a line is back-ordered', () => {
  it('is refused (409 DECISION_CONFLICT) naming the back-ordered line; nothing changes', () => {
    const o = waitingForCake();
    let error: unknown;
    try {
      o.dispatch(LATER);
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({
      code: OrderRuleCode.DECISION_CONFLICT,
      message: expect.stringContaining(`CAKE-CREAM (line ${ids.cake})`),
      current: { state: OrderState.READY, waitingLineIds: [], backorderedLineIds: [ids.cake] },
    });
    expect(o.state).toBe(OrderState.READY);
    expect(drain(o)).toEqual([]);
  });

  it('is allowed once the restock fills the line', () => {
    const o = waitingForCake();
    o.fillBackorder(ids.cake, LATER);
    o.dispatch(LATER);
    expect(keys(drain(o))).toEqual(['orderBackorderFilled', 'orderDispatched']);
    expect(o.state).toBe(OrderState.DISPATCHED);
  });

  it('packing is not held up: the line can be filled after the order is READY', () => {
    const o = waitingForCake(OrderState.PICKING);
    o.markReady(LATER);
    expect(o.state).toBe(OrderState.READY);
  });
});

describe('the shopper changes their mind about a back-ordered line', () => {
  it.each([OrderState.CONFIRMED, OrderState.PICKING, OrderState.READY])('in %s: a refund of the line (SHOPPER), after notice; then the order ships the rest', (state) => {
    const o = waitingForCake(state);
    o.decide(decision(SHOPPER, REFUND_ITEM_SHIP_REST, o.linesToDecide([ids.cake])), LATER);
    const events = drain(o);
    expect(keys(events)).toEqual(['orderDecisionRecorded', 'orderLineRefundApproved']);
    expect(events[1].data).toMatchObject({ lineId: ids.cake, quantity: 1, amountCents: 1500, decision: { source: 'SHOPPER', resolution: 'REFUND_ITEM_SHIP_REST', lineIds: [ids.cake] } });
    expect(o.state).toBe(state);
    expect(lineOf(o, ids.cake)).toMatchObject({ state: LineState.REFUND_PENDING_NOTICE, shortQuantity: 0, refundedQuantity: 1 });
    expect(o.backorderedLineIds()).toEqual([]);

    const [refund] = o.snapshot().refunds;
    expect(refund).toMatchObject({ status: RefundStatus.PENDING_NOTICE, lines: [{ lineId: ids.cake, quantity: 1 }] });
    o.noticeDelivered('00000000-0000-4000-8000-00000000e001', [refund.id], LATER);
    expect(keys(drain(o))).toEqual(['orderRefundRequested']);
    expect(lineOf(o, ids.cake).state).toBe(LineState.REFUNDED);
    if (state === OrderState.READY) {
      o.dispatch(LATER);
      expect(o.state).toBe(OrderState.DISPATCHED);
    }
  });

  it('3 ordered, 1 held, 2 back-ordered: the refund is for the 2; the line is partly refunded and still ships 1', () => {
    const o = waitingForCake(OrderState.READY, { quantity: 3, short: 2 });
    o.decide(decision(SHOPPER, REFUND_ITEM_SHIP_REST, [ids.cake]), LATER);
    expect(drain(o)[1].data).toMatchObject({ quantity: 2, amountCents: 3000 });
    expect(lineOf(o, ids.cake)).toMatchObject({ state: LineState.PARTIAL_REFUND_PENDING_NOTICE, refundedQuantity: 2, shortQuantity: 0 });
    expect(o.lines.find((l) => l.id === ids.cake)!.heldQuantity).toBe(1);
    o.noticeDelivered('00000000-0000-4000-8000-00000000e001', [o.snapshot().refunds[0].id], LATER);
    expect(lineOf(o, ids.cake).state).toBe(LineState.PARTLY_REFUNDED);
  });

  it('an agent for the shopper (AGENT_FOR_SHOPPER) cancels the order instead: everything paid is refunded after notice', () => {
    const o = waitingForCake(OrderState.PICKING);
    o.decide(decision(AGENT_FOR_SHOPPER, CANCEL_ORDER, [ids.cake]), LATER);
    const events = drain(o);
    expect(keys(events)).toEqual(['orderDecisionRecorded', 'orderCancelled']);
    expect(events[1].data).toMatchObject({ refundAmountCents: 2100, decision: { source: 'AGENT_FOR_SHOPPER', resolution: 'CANCEL_ORDER' } });
    expect(o.state).toBe(OrderState.CANCELLED);
  });

  it('refunding the only units left to ship cancels the order instead, as any REFUND_ITEM_SHIP_REST does', () => {
    const base = waitingForCake(OrderState.CONFIRMED).snapshot();
    // The snacks were refunded earlier: only the back-ordered cake is left to ship.
    Object.assign(base.lines[1], { state: LineState.REFUNDED, refundedQuantity: 2 });
    const onlyCake = Order.rehydrate(base, rules);
    onlyCake.decide(decision(SHOPPER, REFUND_ITEM_SHIP_REST, [ids.cake]), LATER);
    const events = drain(onlyCake);
    expect(keys(events)).toEqual(['orderDecisionRecorded', 'orderCancelled']);
    expect(events[1].data).toMatchObject({ refundAmountCents: 1500, reason: expect.stringContaining('nothing is left to ship') });
  });

  it('while another line waits for an answer (AWAITING_SHOPPER_DECISION), the back-ordered one can still be refunded; the order keeps waiting for the other', () => {
    const o = waitingForCake(OrderState.PICKING);
    const base = o.snapshot();
    base.lines[1].policy = contactMe;
    const twoShort = Order.rehydrate(base, rules);
    shortage(twoShort, [short(ids.snacks, 1)]);
    drain(twoShort);
    expect(twoShort.state).toBe(OrderState.AWAITING_SHOPPER_DECISION);
    twoShort.decide(decision(SHOPPER, REFUND_ITEM_SHIP_REST, [ids.cake]), LATER);
    expect(twoShort.state).toBe(OrderState.AWAITING_SHOPPER_DECISION);
    expect(twoShort.waitingLineIds()).toEqual([ids.snacks]);
    expect(lineOf(twoShort, ids.cake).state).toBe(LineState.REFUND_PENDING_NOTICE);
  });

  it('must name the line: an answer naming no line only answers a shortage (409, with a hint and the back-ordered lines)', () => {
    const o = waitingForCake();
    expect(() => o.linesToDecide()).toThrow(expect.objectContaining({
      code: OrderRuleCode.TRANSITION_NOT_ALLOWED, message: expect.stringContaining('name it in lineIds'), current: expect.objectContaining({ backorderedLineIds: [ids.cake] }),
    }));
  });

  it('only to a refund or a cancellation: waiting again or a substitute is a conflict', () => {
    const o = waitingForCake();
    for (const resolution of [WAIT_FOR_RESTOCK, SUBSTITUTE]) {
      expect(() => o.decide(decision(SHOPPER, resolution, [ids.cake]), LATER))
        .toThrow(expect.objectContaining({ code: OrderRuleCode.DECISION_CONFLICT, message: expect.stringContaining('is back-ordered as the shopper chose') }));
    }
  });

  it('an answer given before the back-order was decided (a concurrent answer to the shortage) loses, as any second answer does', () => {
    const o = waitingForCake();
    expect(() => o.decide(decision(AGENT_FOR_SHOPPER, REFUND_ITEM_SHIP_REST, [ids.cake]), LATER, later(-1)))
      .toThrow(expect.objectContaining({ code: OrderRuleCode.DECISION_CONFLICT, message: expect.stringContaining('after this answer was given') }));
    expect(() => o.decide(decision(SHOPPER, REFUND_ITEM_SHIP_REST, [ids.cake]), LATER, NOW)).toThrow(expect.objectContaining({ code: OrderRuleCode.DECISION_CONFLICT }));
    expect(lineOf(o, ids.cake).state).toBe(LineState.BACKORDERED);
  });

  it('only the shopper or an agent for them can change it (I1)', () => {
    const o = waitingForCake();
    expect(() => o.reconsiderBackorder(decision(SHOPPER_PRESET, REFUND_ITEM_SHIP_REST, [ids.cake]), LATER))
      .toThrow(expect.objectContaining({ code: OrderRuleCode.INVALID_DECISION }));
  });

  it('a line that is not back-ordered cannot be reconsidered; naming it on a progress order is refused as before', () => {
    const o = waitingForCake();
    expect(() => o.reconsiderBackorder(decision(SHOPPER, REFUND_ITEM_SHIP_REST, [ids.snacks]), LATER))
      .toThrow(expect.objectContaining({ code: OrderRuleCode.DECISION_CONFLICT, message: expect.stringContaining('is not back-ordered') }));
    expect(() => o.decide(decision(SHOPPER, REFUND_ITEM_SHIP_REST, [ids.cake, ids.snacks]), LATER))
      .toThrow(expect.objectContaining({ code: OrderRuleCode.TRANSITION_NOT_ALLOWED }));
  });
});

describe('a restock that crosses the change of mind', () => {
  it('the back-order is withdrawn once the shopper took a refund instead; a back-order still waiting is not', () => {
    const o = waitingForCake();
    expect(o.backorderWithdrawn(ids.cake)).toBe(false);
    expect(o.backorderWithdrawn(ids.snacks)).toBe(false);
    o.decide(decision(SHOPPER, REFUND_ITEM_SHIP_REST, [ids.cake]), LATER);
    expect(o.backorderWithdrawn(ids.cake)).toBe(true);
    expect(() => o.fillBackorder(ids.cake, LATER)).toThrow(expect.objectContaining({ code: OrderRuleCode.INVALID_INVENTORY_FACT }));
  });

  it('a line refunded by the checkout preset was never waited for: not withdrawn', () => {
    const base = orderSnapshot();
    const o = Order.rehydrate(base, rules);
    shortage(o, [short(ids.snacks, 1)]);
    expect(o.backorderWithdrawn(ids.snacks)).toBe(false);
  });
});
