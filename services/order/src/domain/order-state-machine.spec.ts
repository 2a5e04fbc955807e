import { DecisionSource, LineState, NoAnswerFallback, OrderState, ShortageChoice, ShortageResolution, ShortageStage } from '@askfirst/contracts';
import { contactMe, ids, line, orderSnapshot, pendingSubstitution, T0 } from '../../test/builders/order-snapshot.builder';
import { Decision } from './decision';
import { OrderRuleCode, OrderRuleError } from './order-errors';
import { Order, OrderSnapshot } from './order.aggregate';
import { accepts, allowedTargets, OrderCommand, ORDER_TRANSITIONS } from './order-state-machine';
import { deadlineFallbackDecisions, presetDecisions, ShortagePolicy, substituteFallbackDecision } from './shortage-policy';

const C = OrderCommand;
const S = OrderState;
const NOW = new Date(T0.getTime() + 60 * 60_000);

// Written out by hand, independently of the table in the code: the state each (state x command)
// ends in for the fixture below, or '-' when the command is refused.
const COLUMNS = [C.START_RESERVING, C.CONFIRM_RESERVATION, C.REPORT_SHORTAGE, C.DECIDE, C.APPLY_DEADLINE_FALLBACK, C.SETTLE_SUBSTITUTION,
  C.FILL_BACKORDER, C.RECONSIDER_BACKORDER, C.RECORD_NOTICE, C.CANCEL, C.START_PICKING, C.MARK_READY, C.DISPATCH, C.DELIVER] as const;
const EXPECTED: Record<OrderState, string> = {
  //                               START_RES  CONFIRM    SHORTAGE   DECIDE   FALLBACK  SUBST      BACKORDER  RECONSIDER NOTICE     CANCEL     PICK     READY  DISPATCH    DELIVER
  [S.PLACED]:                    'RESERVING  -          -          -        -         -          -          -          PLACED     CANCELLED  -        -      -           -',
  [S.RESERVING]:                 '-          CONFIRMED  CONFIRMED  -        -         RESERVING  RESERVING  RESERVING  RESERVING  CANCELLED  -        -      -           -',
  [S.CONFIRMED]:                 '-          -          CONFIRMED  -        -         CONFIRMED  CONFIRMED  CONFIRMED  CONFIRMED  CANCELLED  PICKING  -      -           -',
  [S.PICKING]:                   '-          -          PICKING    -        -         PICKING    PICKING    PICKING    PICKING    CANCELLED  -        READY  -           -',
  [S.READY]:                     '-          -          READY      -        -         READY      READY      READY      READY      CANCELLED  -        -      DISPATCHED  -',
  [S.DISPATCHED]:                '-          -          -          -        -         -          -          -          DISPATCHED -          -        -      -           DELIVERED',
  [S.DELIVERED]:                 '-          -          -          -        -         -          -          -          DELIVERED  -          -        -      -           -',
  [S.AWAITING_SHOPPER_DECISION]: '-          -          AWAITING_SHOPPER_DECISION PICKING PICKING AWAITING_SHOPPER_DECISION AWAITING_SHOPPER_DECISION - AWAITING_SHOPPER_DECISION CANCELLED - - - -',
  [S.ON_HOLD]:                   '-          -          ON_HOLD    PICKING  -         ON_HOLD    ON_HOLD    -          ON_HOLD    CANCELLED  -        -      -           -',
  [S.CANCELLED]:                 '-          -          -          -        -         -          -          -          CANCELLED  -          -        -      -           -',
};

function expected(state: OrderState, command: OrderCommand): OrderState | undefined {
  const cell = EXPECTED[state].trim().split(/\s+/)[COLUMNS.indexOf(command as (typeof COLUMNS)[number])];
  return cell === '-' ? undefined : (cell as OrderState);
}

const PAIRS = Object.values(OrderState).flatMap((state) => Object.values(OrderCommand).map((command) => [state, command] as const));

describe('order state machine table', () => {
  it('covers every state and every command in the expected matrix', () => {
    expect(COLUMNS).toHaveLength(Object.values(OrderCommand).length);
    expect(Object.keys(ORDER_TRANSITIONS).sort()).toEqual(Object.values(OrderState).sort());
  });

  it.each(PAIRS)('%s x %s: accepted exactly when the matrix says so, and can end where the fixture ends', (state, command) => {
    const want = expected(state, command);
    expect(accepts(state, command)).toBe(want !== undefined);
    if (want) expect(allowedTargets(state, command)).toContain(want);
  });

  it('has no way out of DELIVERED or CANCELLED except recording a notice about money already decided', () => {
    for (const state of [S.DELIVERED, S.CANCELLED]) {
      expect(Object.keys(ORDER_TRANSITIONS[state])).toEqual([C.RECORD_NOTICE]);
      expect(allowedTargets(state, C.RECORD_NOTICE)).toEqual([state]);
    }
  });
});

/** An order in `state` shaped so that `command`, when accepted, can succeed. */
function fixture(state: OrderState, command: OrderCommand): OrderSnapshot {
  const lineState = state === S.PLACED || state === S.RESERVING ? LineState.PENDING : state === S.CANCELLED ? LineState.CANCELLED : LineState.RESERVED;
  const snapshot = orderSnapshot({ state });
  snapshot.lines.forEach((l) => {
    l.state = lineState;
    if (lineState === LineState.CANCELLED) l.refundedQuantity = l.quantity;
  });
  if (state === S.AWAITING_SHOPPER_DECISION || state === S.ON_HOLD) {
    Object.assign(snapshot.lines[0], { state: LineState.SHORT, shortQuantity: 1, waitingFor: 'SHOPPER' });
    snapshot.resumeState = S.PICKING;
    if (state === S.AWAITING_SHOPPER_DECISION) {
      snapshot.decisionDeadline = new Date(NOW.getTime() - 1);
      snapshot.lines[0].decisionDeadline = snapshot.decisionDeadline;
    } else {
      snapshot.holdReviewBy = new Date(NOW.getTime() + 60_000);
    }
  }
  if (command === C.SETTLE_SUBSTITUTION) {
    snapshot.lines.push(line(ids.bread, { state: LineState.SHORT, shortQuantity: 1, waitingFor: 'SUBSTITUTE', pendingDecisionId: ids.substitution }));
    snapshot.decisions.push(pendingSubstitution(ids.bread));
  }
  if (command === C.FILL_BACKORDER || command === C.RECONSIDER_BACKORDER) snapshot.lines.push(line(ids.bread, { state: LineState.BACKORDERED, shortQuantity: 1 }));
  return snapshot;
}

function shopper(resolution: ShortageResolution, lineIds: string[]): Decision {
  return Decision.record({ source: DecisionSource.SHOPPER, resolution, lineIds, decidedAt: NOW, decidedBy: 'shopper-a' });
}

function invoke(order: Order, command: OrderCommand): void {
  switch (command) {
    case C.START_RESERVING:
      return void Order.place({ shopperId: 's', storeId: 'st', currency: 'EUR', policy: { choice: 'CANCEL_ORDER' as never }, lines: [{ sku: 'A1', name: 'a', quantity: 1, unitPriceCents: 1 }], correlationId: 'c' }, NOW);
    case C.CONFIRM_RESERVATION:
      return order.confirmReservation(NOW);
    case C.REPORT_SHORTAGE: {
      const presets = presetDecisions([order.policyLine(ids.snacks)], NOW);
      return order.reportShortage({ stage: ShortageStage.PICKING, lines: [{ lineId: ids.snacks, quantityShort: 1, substitutes: [] }], reservedLineIds: [ids.cake] }, presets, NOW);
    }
    case C.DECIDE:
      return order.decide(shopper(ShortageResolution.REFUND_ITEM_SHIP_REST, [ids.cake]), NOW);
    case C.APPLY_DEADLINE_FALLBACK:
      return order.applyDeadlineFallback(deadlineFallbackDecisions(order.linesDueForFallback(NOW).map((id) => order.policyLine(id)), NOW), NOW);
    case C.SETTLE_SUBSTITUTION:
      return order.substituteReserved(ids.bread, ids.substitution, { sku: 'BREAD-RYE', name: 'Rye bread', quantity: 1, unitPriceCents: 250 }, NOW);
    case C.FILL_BACKORDER:
      return order.fillBackorder(ids.bread, NOW);
    case C.RECONSIDER_BACKORDER:
      return order.reconsiderBackorder(shopper(ShortageResolution.REFUND_ITEM_SHIP_REST, [ids.bread]), NOW);
    case C.RECORD_NOTICE:
      return void order.noticeDelivered('00000000-0000-4000-8000-00000000aaaa', [], NOW);
    case C.CANCEL:
      return order.cancel(shopper(ShortageResolution.CANCEL_ORDER, order.lines.map((l) => l.id)), NOW);
    case C.START_PICKING:
      return order.startPicking(NOW);
    case C.MARK_READY:
      return order.markReady(NOW);
    case C.DISPATCH:
      return order.dispatch(NOW);
    case C.DELIVER:
      return order.deliver(NOW);
  }
}

describe('order aggregate refuses every transition outside the table', () => {
  const pairs = PAIRS.filter(([, command]) => command !== C.START_RESERVING);

  it.each(pairs)('%s x %s', (state, command) => {
    const order = Order.rehydrate(fixture(state, command));
    const want = expected(state, command);
    if (want === undefined) {
      let error: unknown;
      try {
        invoke(order, command);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(OrderRuleError);
      expect(error).toMatchObject({ code: OrderRuleCode.TRANSITION_NOT_ALLOWED, current: { state } });
      expect(order.pullEvents()).toEqual([]);
      expect(order.version).toBe(3);
    } else {
      invoke(order, command);
      expect(order.state).toBe(want);
      expect(order.version).toBe(4);
    }
  });

  it('START_RESERVING: a placed order is reserving from the moment it exists', () => {
    const order = Order.place({ shopperId: 's', storeId: 'st', currency: 'EUR', policy: { choice: 'CANCEL_ORDER' as never }, lines: [{ sku: 'A1', name: 'a', quantity: 1, unitPriceCents: 1 }], correlationId: 'c' }, NOW);
    expect(order.state).toBe(S.RESERVING);
    expect(order.pullEvents().map((e) => e.key)).toEqual(['orderPlaced']);
  });
});

// ---- every end state the table allows, not only the one the matrix fixture reaches ----

type Tweak = (snapshot: OrderSnapshot) => void;
type Act = (order: Order) => void;
const LATER = new Date(NOW.getTime() + 60 * 60_000);
const lineIn = (s: OrderSnapshot, id: string) => s.lines.find((l) => l.id === id)!;
const policy = (id: string, p: ShortagePolicy): Tweak => (s) => void (lineIn(s, id).policy = p);
const resumeTo = (state: OrderState): Tweak => (s) => void (s.resumeState = state);
const reserveAll: Tweak = (s) => s.lines.filter((l) => l.state === LineState.PENDING).forEach((l) => (l.state = LineState.RESERVED));
/** The snacks wait for the shopper too: until `deadline`, or held for a supervisor without one. */
const snacksWait = (deadline?: Date): Tweak => (s) => {
  Object.assign(lineIn(s, ids.snacks), { state: LineState.SHORT, shortQuantity: 1, waitingFor: 'SHOPPER', ...(deadline ? { decisionDeadline: deadline } : {}) });
  if (!deadline) s.holdReviewBy = LATER;
};
const snacksAwaitSubstitute: Tweak = (s) => void Object.assign(lineIn(s, ids.snacks), { state: LineState.SHORT, shortQuantity: 1, waitingFor: 'SUBSTITUTE' });
const substitute = (thenFallback: NoAnswerFallback): ShortagePolicy => ({ choice: ShortageChoice.SUBSTITUTE, thenFallback });
const contactThen = (thenFallback: NoAnswerFallback): ShortagePolicy => ({ choice: ShortageChoice.CONTACT_ME, ifNoAnswerWithinMinutes: 10, thenFallback });
const cancelOrder: ShortagePolicy = { choice: ShortageChoice.CANCEL_ORDER };
const substituteUnavailable: Act = (o) => o.substituteUnavailable(ids.bread, ids.substitution, substituteFallbackDecision(o.policyLine(ids.bread), NOW), NOW);
const shopperCancels: Act = (o) => o.decide(shopper(ShortageResolution.CANCEL_ORDER, [ids.cake]), NOW);
const cancelsInsteadOfWaiting: Act = (o) => o.reconsiderBackorder(shopper(ShortageResolution.CANCEL_ORDER, [ids.bread]), NOW);

type Scenario = [from: OrderState, command: OrderCommand, to: OrderState, why: string, tweaks: Tweak[], act?: Act];

const fromProgress = (from: OrderState): Scenario[] => [
  [from, C.REPORT_SHORTAGE, S.AWAITING_SHOPPER_DECISION, 'the short line is CONTACT_ME', [policy(ids.snacks, contactMe)]],
  [from, C.REPORT_SHORTAGE, S.CANCELLED, 'the short line is CANCEL_ORDER', [policy(ids.snacks, cancelOrder)]],
  [from, C.SETTLE_SUBSTITUTION, S.ON_HOLD, 'no substitute, fallback KEEP_HOLDING', [policy(ids.bread, substitute(NoAnswerFallback.KEEP_HOLDING))], substituteUnavailable],
  [from, C.SETTLE_SUBSTITUTION, S.CANCELLED, 'no substitute, fallback CANCEL_ORDER', [policy(ids.bread, substitute(NoAnswerFallback.CANCEL_ORDER))], substituteUnavailable],
  [from, C.RECONSIDER_BACKORDER, S.CANCELLED, 'the shopper who chose to wait cancels instead', [], cancelsInsteadOfWaiting],
];

const fromWaiting = (from: OrderState, command: OrderCommand): Scenario[] => [
  [from, command, S.RESERVING, 'interrupted reserving, another line still awaits its substitute', [resumeTo(S.RESERVING), snacksAwaitSubstitute]],
  [from, command, S.CONFIRMED, 'interrupted CONFIRMED', [resumeTo(S.CONFIRMED)]],
  [from, command, S.READY, 'interrupted READY (a recount after packing)', [resumeTo(S.READY)]],
];

const SCENARIOS: Scenario[] = [
  [S.RESERVING, C.REPORT_SHORTAGE, S.RESERVING, 'the short line waits for a substitute', [policy(ids.snacks, substitute(NoAnswerFallback.REFUND_ITEM_SHIP_REST))]],
  ...fromProgress(S.RESERVING),
  [S.RESERVING, C.SETTLE_SUBSTITUTION, S.CONFIRMED, 'every other line is held', [reserveAll]],
  [S.RESERVING, C.FILL_BACKORDER, S.CONFIRMED, 'every other line is held', [reserveAll]],
  ...fromProgress(S.CONFIRMED),
  ...fromProgress(S.PICKING),
  ...fromProgress(S.READY),

  [S.AWAITING_SHOPPER_DECISION, C.DECIDE, S.AWAITING_SHOPPER_DECISION, 'the snacks still wait for the shopper', [snacksWait(LATER)]],
  [S.AWAITING_SHOPPER_DECISION, C.DECIDE, S.ON_HOLD, 'the snacks are still held for a supervisor', [snacksWait()]],
  [S.AWAITING_SHOPPER_DECISION, C.DECIDE, S.CANCELLED, 'the shopper cancels', [], shopperCancels],
  ...fromWaiting(S.AWAITING_SHOPPER_DECISION, C.DECIDE),
  [S.AWAITING_SHOPPER_DECISION, C.APPLY_DEADLINE_FALLBACK, S.AWAITING_SHOPPER_DECISION, 'the snacks\' own window is still open', [snacksWait(LATER)]],
  [S.AWAITING_SHOPPER_DECISION, C.APPLY_DEADLINE_FALLBACK, S.ON_HOLD, 'fallback KEEP_HOLDING', [policy(ids.cake, contactThen(NoAnswerFallback.KEEP_HOLDING))]],
  [S.AWAITING_SHOPPER_DECISION, C.APPLY_DEADLINE_FALLBACK, S.CANCELLED, 'fallback CANCEL_ORDER', [policy(ids.cake, contactThen(NoAnswerFallback.CANCEL_ORDER))]],
  ...fromWaiting(S.AWAITING_SHOPPER_DECISION, C.APPLY_DEADLINE_FALLBACK),
  [S.AWAITING_SHOPPER_DECISION, C.REPORT_SHORTAGE, S.CANCELLED, 'the short line is CANCEL_ORDER', [policy(ids.snacks, cancelOrder)]],
  [S.AWAITING_SHOPPER_DECISION, C.SETTLE_SUBSTITUTION, S.CANCELLED, 'no substitute, fallback CANCEL_ORDER',
    [policy(ids.bread, substitute(NoAnswerFallback.CANCEL_ORDER))], substituteUnavailable],

  [S.ON_HOLD, C.DECIDE, S.ON_HOLD, 'the snacks are still held', [snacksWait()]],
  [S.ON_HOLD, C.DECIDE, S.CANCELLED, 'the shopper cancels', [], shopperCancels],
  ...fromWaiting(S.ON_HOLD, C.DECIDE),
  [S.ON_HOLD, C.REPORT_SHORTAGE, S.AWAITING_SHOPPER_DECISION, 'a new CONTACT_ME shortage', [policy(ids.snacks, contactMe)]],
  [S.ON_HOLD, C.REPORT_SHORTAGE, S.CANCELLED, 'the short line is CANCEL_ORDER', [policy(ids.snacks, cancelOrder)]],
  [S.ON_HOLD, C.SETTLE_SUBSTITUTION, S.CANCELLED, 'no substitute, fallback CANCEL_ORDER', [policy(ids.bread, substitute(NoAnswerFallback.CANCEL_ORDER))], substituteUnavailable],
];

describe('every end state the table allows is reached', () => {
  // Rows padded to a fixed length: jest would hand a shorter row's missing argument a done callback.
  const rows = SCENARIOS.map(([from, command, to, why, tweaks, act]) => [from, command, to, why, tweaks, act ?? null] as const);

  it.each(rows)('%s x %s → %s when %s', (from, command, to, _why, tweaks, act) => {
    const snapshot = fixture(from, command);
    tweaks.forEach((tweak) => tweak(snapshot));
    const order = Order.rehydrate(snapshot);
    (act ?? ((o: Order) => invoke(o, command)))(order);
    expect(order.state).toBe(to);
  });

  it('no allowed end state is left without a case (the matrix fixture or a scenario above)', () => {
    const reached = new Set([
      ...PAIRS.map(([state, command]) => `${state} ${command} ${expected(state, command)}`),
      ...SCENARIOS.map(([from, command, to]) => `${from} ${command} ${to}`),
    ]);
    const allowed = PAIRS.filter(([, command]) => command !== C.START_RESERVING)
      .flatMap(([state, command]) => allowedTargets(state, command).map((to) => `${state} ${command} ${to}`));
    expect(allowed.filter((cell) => !reached.has(cell))).toEqual([]);
  });
});
