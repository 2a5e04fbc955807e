import { DecisionSource, LineState, NoAnswerFallback, OrderState, ShortageChoice, ShortageResolution, ShortageStage } from '@askfirst/contracts';
import { ids, orderSnapshot } from '../../test/builders/order-snapshot.builder';
import { contact, deadlines, decision, drain, keys, later, lineOf, NOW, order, rules, short, shortage } from '../../test/builders/order-steps';
import { OrderEvent } from './order-events';
import { OrderRuleCode } from './order-errors';
import { Order } from './order.aggregate';
import { RefundStatus } from './refund';
import { deadlineFallbackDecisions, substituteFallbackDecision } from './shortage-policy';

describe('placing an order', () => {
  it('stores each line\'s effective policy and publishes order.placed; the order is reserving', () => {
    const o = Order.place({
      shopperId: 'shopper-a', storeId: 'store-1', currency: 'EUR', correlationId: 'c-1',
      policy: { choice: ShortageChoice.REFUND_ITEM_SHIP_REST },
      lines: [
        { sku: 'CAKE-CREAM', name: 'Cream cake', quantity: 1, unitPriceCents: 1500, policy: { choice: ShortageChoice.SUBSTITUTE } },
        { sku: 'SNACK-MIX', name: 'Snacks', quantity: 2, unitPriceCents: 300 },
      ],
    }, NOW);
    const [placed] = drain(o);
    expect(o.state).toBe(OrderState.RESERVING);
    expect(placed).toMatchObject({ key: 'orderPlaced', data: { policy: { choice: 'REFUND_ITEM_SHIP_REST' } } });
    expect((placed.data as { lines: { policy: unknown }[] }).lines.map((l) => l.policy)).toEqual([
      { choice: 'SUBSTITUTE', thenFallback: 'REFUND_ITEM_SHIP_REST' }, { choice: 'REFUND_ITEM_SHIP_REST' },
    ]);
    expect(o.lines.every((l) => l.state === LineState.PENDING)).toBe(true);
  });

  it('refuses a CONTACT_ME without a window', () => {
    expect(() => Order.place({ shopperId: 's', storeId: 'x', currency: 'EUR', correlationId: 'c', policy: { choice: ShortageChoice.CONTACT_ME }, lines: [] }, NOW))
      .toThrow(expect.objectContaining({ code: OrderRuleCode.INVALID_POLICY }));
  });
});

describe('the disappearing cake under REFUND_ITEM_SHIP_REST (tell before money moves)', () => {
  it('approves the refund at once with source SHOPPER_PRESET, requests it only after the notice, exactly once', () => {
    const o = order({ state: OrderState.PICKING, lines: orderSnapshot().lines.map((l) => ({ ...l, policy: { choice: ShortageChoice.REFUND_ITEM_SHIP_REST } })) });
    shortage(o, [short(ids.cake, 1)]);
    const events = drain(o);
    expect(keys(events)).toEqual(['orderDecisionRecorded', 'orderLineRefundApproved']);
    expect(events[0].data).toMatchObject({ decision: { source: 'SHOPPER_PRESET', resolution: 'REFUND_ITEM_SHIP_REST', lineIds: [ids.cake] } });
    expect(o.state).toBe(OrderState.PICKING);
    const [refund] = o.snapshot().refunds;
    expect(refund).toMatchObject({ status: RefundStatus.PENDING_NOTICE, amountCents: 1500, lines: [{ lineId: ids.cake, quantity: 1 }] });
    expect(lineOf(o, ids.cake).state).toBe(LineState.REFUND_PENDING_NOTICE);

    expect(o.noticeDelivered('00000000-0000-4000-8000-00000000e001', ['00000000-0000-4000-8000-00000000ffff'], NOW)).toBe(0);
    expect(drain(o)).toEqual([]);
    expect(o.noticeDelivered('00000000-0000-4000-8000-00000000e002', [refund.id], NOW)).toBe(1);
    const [requested] = drain(o);
    expect(requested).toMatchObject({ key: 'orderRefundRequested', data: { refundId: refund.id, amountCents: 1500, currency: 'EUR', noticeId: '00000000-0000-4000-8000-00000000e002' } });
    expect(o.snapshot().refunds[0].status).toBe(RefundStatus.REQUESTED);
    expect(lineOf(o, ids.cake).state).toBe(LineState.REFUNDED);
    expect(o.noticeDelivered('00000000-0000-4000-8000-00000000e003', [refund.id], NOW)).toBe(0);
    expect(drain(o)).toEqual([]);
  });

  it('partial shortage (3 ordered, 1 left) refunds only the missing 2 x unit price; 1 still ships, and the line says so', () => {
    const base = orderSnapshot();
    const o = order({ lines: [base.lines[0], { ...base.lines[1], quantity: 3 }] });
    shortage(o, [short(ids.snacks, 2)]);
    drain(o);
    expect(o.snapshot().refunds).toEqual([expect.objectContaining({ amountCents: 600, lines: [expect.objectContaining({ quantity: 2, amountCents: 600 })] })]);
    expect(o.lines.find((l) => l.id === ids.snacks)!.heldQuantity).toBe(1);
    expect(o.state).toBe(OrderState.CONFIRMED);
    expect(lineOf(o, ids.snacks)).toMatchObject({ state: LineState.PARTIAL_REFUND_PENDING_NOTICE, quantity: 3, refundedQuantity: 2 });
    o.noticeDelivered('00000000-0000-4000-8000-00000000e001', [o.snapshot().refunds[0].id], NOW);
    expect(lineOf(o, ids.snacks).state).toBe(LineState.PARTLY_REFUNDED);
  });

  it('a partly refunded line whose last unit goes missing too: refunded in full, shown as requested only once both notices got through', () => {
    const base = orderSnapshot();
    const o = order({ lines: [base.lines[0], { ...base.lines[1], quantity: 3 }] });
    shortage(o, [short(ids.snacks, 2)]);
    shortage(o, [short(ids.snacks, 1)]);
    drain(o);
    const [first, second] = o.snapshot().refunds;
    expect([first.lines[0].quantity, second.lines[0].quantity]).toEqual([2, 1]);
    expect(lineOf(o, ids.snacks)).toMatchObject({ state: LineState.REFUND_PENDING_NOTICE, refundedQuantity: 3 });
    o.noticeDelivered('00000000-0000-4000-8000-00000000e001', [first.id], NOW);
    expect(lineOf(o, ids.snacks).state).toBe(LineState.REFUND_PENDING_NOTICE);
    o.noticeDelivered('00000000-0000-4000-8000-00000000e002', [second.id], NOW);
    expect(lineOf(o, ids.snacks).state).toBe(LineState.REFUNDED);
  });

  it('every line short with nothing held: cancelled, one refund for everything paid, after notice', () => {
    const o = order({ lines: orderSnapshot().lines.map((l) => ({ ...l, policy: { choice: ShortageChoice.REFUND_ITEM_SHIP_REST } })) });
    shortage(o, [short(ids.cake, 1), short(ids.snacks, 2)]);
    const events = drain(o);
    expect(keys(events)).toEqual(['orderDecisionRecorded', 'orderCancelled']);
    expect(events[1].data).toMatchObject({ refundAmountCents: 2100, decision: { source: 'SHOPPER_PRESET' } });
    expect(o.state).toBe(OrderState.CANCELLED);
    expect(o.lines.every((l) => l.state === LineState.CANCELLED)).toBe(true);
    const [refund] = o.snapshot().refunds;
    expect(refund).toMatchObject({ status: 'PENDING_NOTICE', amountCents: 2100, reason: 'ORDER_CANCELLED' });
    o.noticeDelivered('00000000-0000-4000-8000-00000000e002', [refund.id], NOW);
    expect(drain(o)[0]).toMatchObject({ key: 'orderRefundRequested', data: { amountCents: 2100, lines: [{ quantity: 1 }, { quantity: 2 }] } });
  });
});

describe('CANCEL_ORDER preset', () => {
  it('cancels the whole order on any short line; refund excludes what was already refunded', () => {
    const base = orderSnapshot();
    const o = order({ lines: [{ ...base.lines[0], policy: { choice: ShortageChoice.CANCEL_ORDER } }, { ...base.lines[1], refundedQuantity: 1, state: LineState.REFUND_PENDING_NOTICE }] });
    shortage(o, [short(ids.cake, 1)]);
    const events = drain(o);
    expect(keys(events)).toEqual(['orderDecisionRecorded', 'orderCancelled']);
    expect(events[1].data).toMatchObject({ refundAmountCents: 1800 });
    expect(o.state).toBe(OrderState.CANCELLED);
  });

  it('a CANCEL_ORDER line short together with a REFUND_ITEM_SHIP_REST line: the cancellation decides for both', () => {
    const base = orderSnapshot();
    const o = order({ lines: [{ ...base.lines[0], policy: { choice: ShortageChoice.CANCEL_ORDER } }, { ...base.lines[1], policy: { choice: ShortageChoice.REFUND_ITEM_SHIP_REST } }] });
    shortage(o, [short(ids.cake, 1), short(ids.snacks, 1)]);
    expect(keys(drain(o))).toEqual(['orderDecisionRecorded', 'orderCancelled']);
    expect(o.state).toBe(OrderState.CANCELLED);
  });
});

describe('CONTACT_ME', () => {
  const awaiting = (scale = 1) => {
    const o = Order.rehydrate(orderSnapshot({ state: OrderState.PICKING }), { ...rules, decisionWindowScale: scale });
    shortage(o, [{ lineId: ids.cake, quantityShort: 1, substitutes: [{ sku: 'CAKE-CHOC', name: 'Chocolate cake', available: 2, unitPriceCents: 1400 }], restockEta: later(3_600_000).toISOString() }]);
    return o;
  };

  it('waits for the shopper with a stored deadline (window x scale), the options and the fallback', () => {
    const o = awaiting(0.001);
    const [event] = drain(o);
    expect(o.state).toBe(OrderState.AWAITING_SHOPPER_DECISION);
    expect(o.waiting()).toEqual({ owner: 'SHOPPER', deadline: later(600) });
    expect(event).toMatchObject({
      key: 'orderAwaitingShopperDecision',
      data: { stage: 'PICKING', decisionDeadline: later(600).toISOString(), fallback: 'REFUND_ITEM_SHIP_REST', shortLines: [{ lineId: ids.cake, quantityShort: 1, substitutes: [{ sku: 'CAKE-CHOC' }] }] },
    });
    expect(o.snapshot().refunds).toEqual([]);
  });

  it('the shopper decides (SHOPPER): applied, the order resumes picking; a second decision conflicts', () => {
    const o = awaiting();
    drain(o);
    o.decide(decision(DecisionSource.SHOPPER, ShortageResolution.SUBSTITUTE, [ids.cake], 'CAKE-CHOC'), NOW);
    expect(keys(drain(o))).toEqual(['orderDecisionRecorded', 'orderSubstitutionRequested']);
    expect(o.state).toBe(OrderState.PICKING);
    expect(o.waiting()).toBeUndefined();
    expect(() => o.decide(decision(DecisionSource.AGENT_FOR_SHOPPER, ShortageResolution.REFUND_ITEM_SHIP_REST, [ids.cake]), NOW))
      .toThrow(expect.objectContaining({ code: OrderRuleCode.TRANSITION_NOT_ALLOWED, current: expect.objectContaining({ state: 'PICKING' }) }));
  });

  it('only the shopper or an agent for them can answer (I1)', () => {
    const o = awaiting();
    for (const source of [DecisionSource.SHOPPER_PRESET, DecisionSource.SHOPPER_PRESET_FALLBACK]) {
      expect(() => o.decide(decision(source, ShortageResolution.REFUND_ITEM_SHIP_REST, [ids.cake]), NOW)).toThrow(expect.objectContaining({ code: OrderRuleCode.INVALID_DECISION }));
    }
    expect(() => decision('SYSTEM' as DecisionSource, ShortageResolution.REFUND_ITEM_SHIP_REST, [ids.cake])).toThrow(/unknown decision source/);
    expect(() => o.decide(decision(DecisionSource.SHOPPER, ShortageResolution.REFUND_ITEM_SHIP_REST, [ids.snacks]), NOW))
      .toThrow(expect.objectContaining({ code: OrderRuleCode.DECISION_CONFLICT }));
  });

  it('WAIT_FOR_RESTOCK back-orders the line; the restock fills it', () => {
    const o = awaiting();
    drain(o);
    o.decide(decision(DecisionSource.AGENT_FOR_SHOPPER, ShortageResolution.WAIT_FOR_RESTOCK, [ids.cake]), NOW);
    expect(keys(drain(o))).toEqual(['orderDecisionRecorded', 'orderLineBackordered']);
    expect(lineOf(o, ids.cake).state).toBe(LineState.BACKORDERED);
    o.fillBackorder(ids.cake, NOW);
    expect(lineOf(o, ids.cake)).toMatchObject({ state: LineState.RESERVED, shortQuantity: 0 });
  });

  it('at the deadline the shopper\'s fallback applies (SHOPPER_PRESET_FALLBACK), not before', () => {
    const o = awaiting();
    drain(o);
    const fallbacks = () => deadlineFallbackDecisions(o.waitingLineIds().map((id) => o.policyLine(id)), later(600_000));
    expect(() => o.applyDeadlineFallback(fallbacks(), later(599_999))).toThrow(expect.objectContaining({ code: OrderRuleCode.DECISION_CONFLICT }));
    o.applyDeadlineFallback(fallbacks(), later(600_000));
    const events = drain(o);
    expect(keys(events)).toEqual(['orderDecisionRecorded', 'orderLineRefundApproved']);
    expect(events[0].data).toMatchObject({ decision: { source: 'SHOPPER_PRESET_FALLBACK', resolution: 'REFUND_ITEM_SHIP_REST', fallbackReason: 'NO_ANSWER' } });
    expect(events[1].data).toMatchObject({ decision: { fallbackReason: 'NO_ANSWER' } });
    expect(o.state).toBe(OrderState.PICKING);
  });

  it('KEEP_HOLDING: ON_HOLD with a supervisor review, order.held, never a refund; a later decision still resolves it', () => {
    const base = orderSnapshot({ state: OrderState.CONFIRMED });
    base.lines[0].policy = { choice: ShortageChoice.CONTACT_ME, ifNoAnswerWithinMinutes: 1, thenFallback: NoAnswerFallback.KEEP_HOLDING };
    const o = Order.rehydrate(base, rules);
    shortage(o, [short(ids.cake, 1)]);
    drain(o);
    o.applyDeadlineFallback(deadlineFallbackDecisions([o.policyLine(ids.cake)], later(60_000)), later(60_000));
    const events = drain(o);
    expect(keys(events)).toEqual(['orderDecisionRecorded', 'orderHeld']);
    expect(events[1].data).toMatchObject({ decision: { source: 'SHOPPER_PRESET_FALLBACK', resolution: 'KEEP_HOLDING' }, reviewBy: later(60_000 + 30 * 60_000).toISOString() });
    expect(o.state).toBe(OrderState.ON_HOLD);
    expect(o.waiting()).toMatchObject({ owner: 'SUPERVISOR' });
    expect(o.snapshot().refunds).toEqual([]);
    o.decide(decision(DecisionSource.AGENT_FOR_SHOPPER, ShortageResolution.SUBSTITUTE, [ids.cake]), NOW);
    expect(o.state).toBe(OrderState.CONFIRMED);
  });
});

describe('CONTACT_ME at reservation', () => {
  it('waits from RESERVING; once decided, the order confirms (order.confirmed) instead of going back to reserving', () => {
    const base = orderSnapshot({ state: OrderState.RESERVING });
    base.lines.forEach((l) => (l.state = LineState.PENDING));
    const o = Order.rehydrate(base, rules);
    shortage(o, [short(ids.cake, 1)], ShortageStage.RESERVATION, [ids.snacks]);
    expect(keys(drain(o))).toEqual(['orderAwaitingShopperDecision']);
    expect(o.state).toBe(OrderState.AWAITING_SHOPPER_DECISION);
    o.decide(decision(DecisionSource.SHOPPER, ShortageResolution.REFUND_ITEM_SHIP_REST, o.linesToDecide()), NOW);
    expect(keys(drain(o))).toEqual(['orderDecisionRecorded', 'orderLineRefundApproved', 'orderConfirmed']);
    expect(o.state).toBe(OrderState.CONFIRMED);
  });

  it('a second shortage while waiting adds its lines; each keeps its own window, the order shows the earliest', () => {
    const o = Order.rehydrate(orderSnapshot({ state: OrderState.PICKING, lines: orderSnapshot().lines.map((l) => ({ ...l, policy: contact(10, NoAnswerFallback.CANCEL_ORDER) })) }), rules);
    shortage(o, [short(ids.cake, 1)]);
    drain(o);
    o.reportShortage({ stage: ShortageStage.PICKING, lines: [short(ids.snacks, 1)], reservedLineIds: [] }, [], later(60_000));
    expect(o.waitingLineIds()).toEqual([ids.cake, ids.snacks]);
    expect(deadlines(o)).toEqual({ [ids.cake]: later(600_000), [ids.snacks]: later(660_000) });
    expect(o.waiting()!.deadline).toEqual(later(600_000));
    expect(drain(o)[0].data).toMatchObject({ decisionDeadline: later(600_000).toISOString() });
    expect(() => o.linesToDecide()).not.toThrow();
  });
});

describe('SUBSTITUTE', () => {
  const substituting = (state = OrderState.CONFIRMED) => {
    const base = orderSnapshot({ state });
    base.lines[0].policy = { choice: ShortageChoice.SUBSTITUTE, substituteSku: 'CAKE-CHOC', thenFallback: NoAnswerFallback.REFUND_ITEM_SHIP_REST };
    if (state === OrderState.RESERVING) base.lines.forEach((l) => (l.state = LineState.PENDING));
    const o = Order.rehydrate(base, rules);
    shortage(o, [short(ids.cake, 1)], state === OrderState.RESERVING ? ShortageStage.RESERVATION : ShortageStage.PICKING, [ids.snacks]);
    return o;
  };

  it('asks inventory for the named SKU; a held substitute replaces the line', () => {
    const o = substituting();
    const events = drain(o);
    expect(keys(events)).toEqual(['orderDecisionRecorded', 'orderSubstitutionRequested']);
    expect(events[1].data).toMatchObject({ substituteSku: 'CAKE-CHOC', quantity: 1, originalSku: 'CAKE-CREAM' });
    const decisionId = o.snapshot().decisions[0].id;
    o.substituteReserved(ids.cake, decisionId, { sku: 'CAKE-CHOC', name: 'Chocolate cake', quantity: 1, unitPriceCents: 1400 }, NOW);
    expect(keys(drain(o))).toEqual(['orderLineSubstituted']);
    expect(lineOf(o, ids.cake)).toMatchObject({ state: LineState.SUBSTITUTED, substitute: { sku: 'CAKE-CHOC' } });
  });

  it('at reservation the order stays RESERVING until inventory answers, then confirms', () => {
    const o = substituting(OrderState.RESERVING);
    drain(o);
    expect(o.state).toBe(OrderState.RESERVING);
    o.substituteReserved(ids.cake, o.snapshot().decisions[0].id, { sku: 'CAKE-CHOC', name: 'Chocolate cake', quantity: 1, unitPriceCents: 1400 }, NOW);
    expect(keys(drain(o))).toEqual(['orderLineSubstituted', 'orderConfirmed']);
    expect(o.state).toBe(OrderState.CONFIRMED);
  });

  it('no substitute: the line falls to the shopper\'s fallback (SHOPPER_PRESET_FALLBACK); a stale answer is refused', () => {
    const o = substituting();
    drain(o);
    const decisionId = o.snapshot().decisions[0].id;
    expect(() => o.substituteUnavailable(ids.cake, '00000000-0000-4000-8000-00000000bad0', substituteFallbackDecision(o.policyLine(ids.cake), NOW), NOW))
      .toThrow(expect.objectContaining({ code: OrderRuleCode.INVALID_INVENTORY_FACT }));
    o.substituteUnavailable(ids.cake, decisionId, substituteFallbackDecision(o.policyLine(ids.cake), NOW), NOW);
    const events = drain(o);
    expect(keys(events)).toEqual(['orderDecisionRecorded', 'orderLineRefundApproved']);
    expect(events[0].data).toMatchObject({ decision: { source: 'SHOPPER_PRESET_FALLBACK', fallbackReason: 'SUBSTITUTE_UNAVAILABLE' } });
    expect(events[1].data).toMatchObject({ decision: { fallbackReason: 'SUBSTITUTE_UNAVAILABLE' } });
    expect(o.snapshot().decisions[1]).toMatchObject({ fallbackReason: 'SUBSTITUTE_UNAVAILABLE' });
  });

  it('a fallback without the reason a substitute was unavailable is refused', () => {
    const o = substituting();
    drain(o);
    const noAnswer = deadlineFallbackDecisions([o.policyLine(ids.cake)], NOW)[0];
    expect(() => o.substituteUnavailable(ids.cake, o.snapshot().decisions[0].id, noAnswer, NOW)).toThrow(expect.objectContaining({ code: OrderRuleCode.INVALID_DECISION }));
  });
});

describe('cancelling', () => {
  it('the shopper cancels before dispatch: all lines cancelled, refund of everything paid pending notice', () => {
    const o = order({ state: OrderState.READY });
    o.cancel(decision(DecisionSource.SHOPPER, ShortageResolution.CANCEL_ORDER, [ids.cake, ids.snacks]), NOW);
    const [recorded, cancelled] = drain(o);
    expect(recorded.data).toMatchObject({ decision: { source: 'SHOPPER', resolution: 'CANCEL_ORDER' } });
    expect(cancelled.data).toMatchObject({ refundAmountCents: 2100, refundId: o.snapshot().refunds[0].id });
    expect(() => order({ state: OrderState.DISPATCHED }).cancel(decision(DecisionSource.SHOPPER, ShortageResolution.CANCEL_ORDER, [ids.cake]), NOW))
      .toThrow(expect.objectContaining({ code: OrderRuleCode.TRANSITION_NOT_ALLOWED }));
  });

  it('a cancellation must be the shopper\'s CANCEL_ORDER', () => {
    expect(() => order().cancel(decision(DecisionSource.SHOPPER_PRESET, ShortageResolution.CANCEL_ORDER, [ids.cake]), NOW)).toThrow(/shopper's own/);
    expect(() => order().cancel(decision(DecisionSource.SHOPPER, ShortageResolution.REFUND_ITEM_SHIP_REST, [ids.cake]), NOW)).toThrow(/shopper's own/);
  });
});

describe('I1: no silent outcome', () => {
  it('every event that changes what the shopper gets or pays carries a decision that was recorded first', () => {
    const o = order({ lines: orderSnapshot().lines.map((l) => ({ ...l, policy: { choice: ShortageChoice.REFUND_ITEM_SHIP_REST } })) });
    const all: OrderEvent[] = [];
    shortage(o, [short(ids.cake, 1)]);
    all.push(...drain(o));
    o.noticeDelivered('00000000-0000-4000-8000-00000000e002', o.snapshot().refunds.map((r) => r.id), NOW);
    all.push(...drain(o));
    o.cancel(decision(DecisionSource.SHOPPER, ShortageResolution.CANCEL_ORDER, [ids.snacks]), NOW);
    all.push(...drain(o));
    const recorded = new Set(all.filter((e) => e.key === 'orderDecisionRecorded').map((e) => (e.data as { decision: { decisionId: string } }).decision.decisionId));
    const effects = all.filter((e) => e.key !== 'orderDecisionRecorded');
    expect(effects.length).toBeGreaterThan(0);
    for (const e of effects) expect(recorded.has((e.data as { decision: { decisionId: string } }).decision.decisionId)).toBe(true);
    expect(o.snapshot().decisions.map((d) => d.source)).toEqual(['SHOPPER_PRESET', 'SHOPPER']);
  });
});
