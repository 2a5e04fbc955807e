import { randomUUID } from 'node:crypto';
import {
  DecisionSource, FallbackReason, LineState, OrderState, PayloadOf, ShortageChoice, ShortageResolution, ShortageStage,
} from '@askfirst/contracts';
import { Decision, DecisionProps } from './decision';
import { OrderEvent, OrderEventKey } from './order-events';
import { HeldSubstitute, LineSnapshot, OrderLine, SuggestedSubstitute } from './order-line';
import { OrderConflictView, OrderRuleCode, OrderRuleError } from './order-errors';
import { accepts, canEndIn, OrderCommand, WAITING_STATES } from './order-state-machine';
import { RefundLine, RefundSnapshot, RefundStatus } from './refund';
import { contactWindowMinutes, normalizePolicy, PolicyLine, ShortagePolicy } from './shortage-policy';
import { copyPlain } from './plain-data';

export interface OrderSnapshot {
  id: string;
  shopperId: string;
  storeId: string;
  currency: string;
  state: OrderState;
  /** The progress state a waiting state interrupted, resumed when nothing waits any more. */
  resumeState?: OrderState;
  policy: ShortagePolicy;
  lines: LineSnapshot[];
  decisions: DecisionProps[];
  refunds: RefundSnapshot[];
  /** The earliest deadline among lines waiting for the shopper (each line keeps its own). */
  decisionDeadline?: Date;
  holdReviewBy?: Date;
  shortageStage?: ShortageStage;
  correlationId: string;
  placedAt: Date;
  updatedAt: Date;
  version: number;
}

export interface OrderRules {
  /** Multiplies CONTACT_ME windows; 1 in production, tiny in tests (ORDER_DECISION_WINDOW_SCALE). */
  decisionWindowScale: number;
  /** How long a supervisor has to review an order held under KEEP_HOLDING. */
  holdReviewMinutes: number;
}

export const DEFAULT_ORDER_RULES: OrderRules = { decisionWindowScale: 1, holdReviewMinutes: 60 };

/** Every amount (line, refund, order) stays a safe 32-bit count of cents. */
export const MAX_ORDER_TOTAL_CENTS = 1_000_000_000;

export interface PlaceOrderInput {
  id?: string;
  shopperId: string;
  storeId: string;
  currency: string;
  policy: ShortagePolicy;
  lines: { sku: string; name: string; quantity: number; unitPriceCents: number; policy?: ShortagePolicy }[];
  correlationId: string;
}

export interface ShortageReport {
  stage: ShortageStage;
  lines: { lineId: string; quantityShort: number; substitutes: SuggestedSubstitute[]; restockEta?: string }[];
  /** Lines inventory holds in full. */
  reservedLineIds: string[];
}

export type WaitingOwner = 'SHOPPER' | 'SUPERVISOR';

const SHOPPER_SOURCES: readonly DecisionSource[] = [DecisionSource.SHOPPER, DecisionSource.AGENT_FOR_SHOPPER];
const DECISION_OPTIONS = [
  ShortageResolution.WAIT_FOR_RESTOCK, ShortageResolution.SUBSTITUTE, ShortageResolution.REFUND_ITEM_SHIP_REST, ShortageResolution.CANCEL_ORDER,
];
/** What a shopper who chose to wait may change their mind to. */
const BACKORDER_CHANGES = [ShortageResolution.REFUND_ITEM_SHIP_REST, ShortageResolution.CANCEL_ORDER];

/**
 * The order aggregate. Every public method runs one command of the state machine and refuses it
 * in a state that does not accept it. Every change to what the shopper gets or pays goes through
 * `apply(decision)`, and the only way in is a public method that takes a Decision (I1).
 * A refused command may leave this instance half-changed: callers discard it and never save it.
 */
export class Order {
  private readonly lineList: OrderLine[];
  private events: OrderEvent[] = [];
  readonly loadedVersion: number;

  private constructor(private readonly s: OrderSnapshot, private readonly rules: OrderRules) {
    this.lineList = s.lines.map((l) => new OrderLine(l));
    this.loadedVersion = s.version;
  }

  static place(input: PlaceOrderInput, now: Date, rules: OrderRules = DEFAULT_ORDER_RULES): Order {
    const policy = normalizePolicy(input.policy);
    const total = input.lines.reduce((sum, l) => sum + l.quantity * l.unitPriceCents, 0);
    if (input.lines.length === 0 || total > MAX_ORDER_TOTAL_CENTS) {
      throw new OrderRuleError(OrderRuleCode.INVALID_ORDER, `an order has at least one line and totals at most ${MAX_ORDER_TOTAL_CENTS} cents`);
    }
    const order = new Order({
      id: input.id ?? randomUUID(),
      shopperId: input.shopperId,
      storeId: input.storeId,
      currency: input.currency,
      state: OrderState.PLACED,
      policy,
      lines: input.lines.map((l) => ({
        id: randomUUID(), sku: l.sku, name: l.name, quantity: l.quantity, unitPriceCents: l.unitPriceCents,
        policy: l.policy ? normalizePolicy(l.policy) : policy,
        state: LineState.PENDING, shortQuantity: 0, refundedQuantity: 0,
      })),
      decisions: [],
      refunds: [],
      correlationId: input.correlationId,
      placedAt: now,
      updatedAt: now,
      version: 0,
    }, rules);
    order.emit('orderPlaced', {
      orderId: order.id, shopperId: order.shopperId, storeId: order.storeId, placedAt: now.toISOString(), policy,
      lines: order.lineList.map((l) => ({ lineId: l.id, sku: l.sku, name: l.name, quantity: l.quantity, unitPriceCents: l.unitPriceCents, policy: l.policy })),
    });
    // order.placed is the reservation request: the order is reserving from the moment it exists.
    order.run(OrderCommand.START_RESERVING, now, () => void (order.s.state = OrderState.RESERVING));
    return order;
  }

  static rehydrate(snapshot: OrderSnapshot, rules: OrderRules = DEFAULT_ORDER_RULES): Order {
    return new Order(copyPlain(snapshot), rules);
  }

  /** As rehydrate, without the copy: for a snapshot built for this order alone that nothing else keeps (the repository's). */
  static adopt(snapshot: OrderSnapshot, rules: OrderRules = DEFAULT_ORDER_RULES): Order {
    return new Order(snapshot, rules);
  }

  get id(): string { return this.s.id; }
  get shopperId(): string { return this.s.shopperId; }
  get storeId(): string { return this.s.storeId; }
  get currency(): string { return this.s.currency; }
  get state(): OrderState { return this.s.state; }
  get version(): number { return this.s.version; }
  get correlationId(): string { return this.s.correlationId; }
  get lines(): readonly OrderLine[] { return this.lineList; }

  /** Lines the shopper (or an agent for them) must decide about. */
  waitingLineIds(): string[] {
    return this.lineList.filter((l) => l.isWaitingForShopper).map((l) => l.id);
  }

  /** Lines the shopper chose to wait for a restock of: the order does not leave the store without them. */
  backorderedLineIds(): string[] {
    return this.lineList.filter((l) => l.isBackordered).map((l) => l.id);
  }

  /**
   * The shopper changed their mind about this line's back-order (refunded it instead), so a restock
   * that crossed that decision fills nothing: inventory releases the units on the line's refund.
   */
  backorderWithdrawn(lineId: string): boolean {
    const line = this.lineList.find((l) => l.id === lineId);
    if (!line || line.isBackordered) return false;
    const waited = this.lastDecisionAbout(lineId, ShortageResolution.WAIT_FOR_RESTOCK);
    const after = waited ? this.s.decisions.slice(this.s.decisions.indexOf(waited) + 1) : [];
    return after.some((d) => d.lineIds.includes(lineId) && d.resolution === ShortageResolution.REFUND_ITEM_SHIP_REST && SHOPPER_SOURCES.includes(d.source));
  }

  /** Waiting lines whose own window has closed: their fallbacks are due. */
  linesDueForFallback(now: Date): string[] {
    return this.lineList.filter((l) => l.isFallbackDue(now)).map((l) => l.id);
  }

  /** Who owns the next step and by when, while the order waits (I4). */
  waiting(): { owner: WaitingOwner; deadline: Date } | undefined {
    if (this.s.state === OrderState.AWAITING_SHOPPER_DECISION && this.s.decisionDeadline) {
      return { owner: 'SHOPPER', deadline: this.s.decisionDeadline };
    }
    if (this.s.state === OrderState.ON_HOLD && this.s.holdReviewBy) return { owner: 'SUPERVISOR', deadline: this.s.holdReviewBy };
    return undefined;
  }

  policyLine(lineId: string): PolicyLine {
    const line = this.lineList.find((l) => l.id === lineId);
    if (!line) throw new OrderRuleError(OrderRuleCode.INVALID_INVENTORY_FACT, `order ${this.id} has no line ${lineId}`);
    return { id: line.id, policy: line.policy };
  }

  snapshot(): OrderSnapshot {
    // Each line copies itself; the rest is copied once here.
    const { lines: _lines, ...order } = this.s;
    return { ...copyPlain(order), lines: this.lineList.map((l) => l.snapshot()) };
  }

  pullEvents(): OrderEvent[] {
    const events = this.events;
    this.events = [];
    return events;
  }

  conflictView(): OrderConflictView {
    const view: OrderConflictView = {
      orderId: this.id, state: this.s.state, version: this.s.version, waitingLineIds: this.waitingLineIds(), backorderedLineIds: this.backorderedLineIds(),
    };
    if (this.s.decisionDeadline) view.decisionDeadline = this.s.decisionDeadline.toISOString();
    return view;
  }

  // ---- inventory facts ----

  confirmReservation(now: Date): void {
    this.run(OrderCommand.CONFIRM_RESERVATION, now, () => {
      this.lineList.forEach((l) => l.reserve());
      this.settle();
    });
  }

  /** A shortage at reservation or later; `presets` are the shopper's checkout decisions for it. */
  reportShortage(report: ShortageReport, presets: readonly Decision[], now: Date): void {
    this.run(OrderCommand.REPORT_SHORTAGE, now, () => {
      const shortIds = new Set(report.lines.map((l) => l.lineId));
      for (const d of presets) {
        if (d.source !== DecisionSource.SHOPPER_PRESET) throw invalidDecision('a shortage applies only the shopper\'s preset');
        if (d.lineIds.some((id) => !shortIds.has(id))) throw invalidDecision('a preset decision names a line that is not short');
      }
      const covered = new Set(presets.flatMap((d) => d.lineIds));
      // A CANCEL_ORDER preset ends the order: no other short line is left to decide.
      const cancels = presets.some((d) => d.resolution === ShortageResolution.CANCEL_ORDER);
      const contact = cancels ? [] : [...shortIds].filter((id) => !covered.has(id));
      if (this.s.state === OrderState.RESERVING) report.reservedLineIds.forEach((id) => this.line(id, OrderRuleCode.INVALID_INVENTORY_FACT).reserve());
      for (const short of report.lines) {
        this.line(short.lineId, OrderRuleCode.INVALID_INVENTORY_FACT)
          .markShort(short.quantityShort, { stage: report.stage, substitutes: short.substitutes, restockEta: short.restockEta });
      }
      for (const id of contact) {
        if (this.line(id).policy.choice !== ShortageChoice.CONTACT_ME) throw invalidDecision(`short line ${id} has no decision`);
      }
      this.s.shortageStage = report.stage;
      for (const decision of presets) {
        this.apply(decision, now);
        if (this.s.state === OrderState.CANCELLED) return;
      }
      if (contact.length) this.awaitShopper(contact.map((id) => this.line(id)), report.stage, now);
      this.settle();
    });
  }

  substituteReserved(lineId: string, decisionId: string, substitute: HeldSubstitute, now: Date): void {
    this.run(OrderCommand.SETTLE_SUBSTITUTION, now, () => {
      const line = this.pendingSubstitution(lineId, decisionId);
      const decision = this.decision(decisionId);
      const quantity = line.shortQuantity;
      line.substituted({ ...substitute, quantity: substitute.quantity });
      this.emit('orderLineSubstituted', {
        orderId: this.id, shopperId: this.shopperId, lineId, fromSku: line.sku, toSku: substitute.sku, toName: substitute.name,
        quantity: substitute.quantity || quantity, decision: decision.toWire(),
      });
      this.settle();
    });
  }

  /** No substitute could be held: the line falls to the shopper's fallback (SHOPPER_PRESET_FALLBACK). */
  substituteUnavailable(lineId: string, decisionId: string, fallback: Decision, now: Date): void {
    this.run(OrderCommand.SETTLE_SUBSTITUTION, now, () => {
      const line = this.pendingSubstitution(lineId, decisionId);
      if (fallback.source !== DecisionSource.SHOPPER_PRESET_FALLBACK || fallback.fallbackReason !== FallbackReason.SUBSTITUTE_UNAVAILABLE
        || fallback.lineIds.length !== 1 || fallback.lineIds[0] !== lineId) {
        throw invalidDecision('an unavailable substitute falls to the shopper\'s fallback for that line');
      }
      line.substituteUnavailable();
      this.apply(fallback, now);
      this.settle();
    });
  }

  /** A restock filled a back-ordered line: it is held again, and the shopper is told (order.backorder-filled). */
  fillBackorder(lineId: string, now: Date): void {
    this.run(OrderCommand.FILL_BACKORDER, now, () => {
      const line = this.line(lineId, OrderRuleCode.INVALID_INVENTORY_FACT);
      const quantity = line.backorderFilled();
      this.emit('orderBackorderFilled', { orderId: this.id, shopperId: this.shopperId, storeId: this.storeId, lineId, sku: line.sku, quantity });
      this.settle();
    });
  }

  // ---- decisions ----

  /**
   * The lines a decision is about: those named, else every waiting line. A change of mind about a
   * back-ordered line must name it, so an answer that names no line only ever answers a shortage.
   */
  linesToDecide(requested?: readonly string[]): string[] {
    if (requested?.length) return [...requested];
    if (!accepts(this.s.state, OrderCommand.DECIDE)) {
      const hint = this.backorderedLineIds().length ? 'To change a back-ordered line, name it in lineIds.' : undefined;
      throw OrderRuleError.transitionNotAllowed(OrderCommand.DECIDE, this.conflictView(), hint);
    }
    return this.waitingLineIds();
  }

  /**
   * The shopper's answer (SHOPPER), or an agent recording it (AGENT_FOR_SHOPPER), about lines that
   * wait for one or that are back-ordered (a change of mind). `madeAt` is when the shopper gave it
   * (the request arrived, the agent recorded it). On an order that waits for nothing, a decision
   * naming only back-ordered lines reconsiders them; any other is refused there as before.
   */
  decide(decision: Decision, now: Date, madeAt: Date = now): void {
    const onlyBackorders = decision.lineIds.every((id) => this.lineList.find((l) => l.id === id)?.isBackordered);
    if (onlyBackorders && !accepts(this.s.state, OrderCommand.DECIDE)) return this.reconsiderBackorder(decision, now, madeAt);
    this.run(OrderCommand.DECIDE, now, () => this.applyShopperDecision(decision, now, madeAt));
  }

  /** The shopper who chose to wait for a restock takes a refund of those lines, or cancels the order, instead. */
  reconsiderBackorder(decision: Decision, now: Date, madeAt: Date = now): void {
    this.run(OrderCommand.RECONSIDER_BACKORDER, now, () => {
      const notBackordered = decision.lineIds.filter((id) => !this.line(id).isBackordered);
      if (notBackordered.length) throw OrderRuleError.decisionConflict(`line ${notBackordered.join(', ')} is not back-ordered`, this.conflictView());
      this.applyShopperDecision(decision, now, madeAt);
    });
  }

  /**
   * Lines whose own window closed unanswered fall to their own fallbacks (SHOPPER_PRESET_FALLBACK,
   * NO_ANSWER); lines whose window is still open keep waiting.
   */
  applyDeadlineFallback(fallbacks: readonly Decision[], now: Date): void {
    this.run(OrderCommand.APPLY_DEADLINE_FALLBACK, now, () => {
      const due = new Set(this.linesDueForFallback(now));
      if (due.size === 0) throw OrderRuleError.decisionConflict('no line\'s decision deadline has passed', this.conflictView());
      const covered = new Set(fallbacks.flatMap((d) => d.lineIds));
      // A CANCEL_ORDER fallback ends the whole order, so it need not name every due line.
      const cancels = fallbacks.some((d) => d.resolution === ShortageResolution.CANCEL_ORDER);
      if (fallbacks.some((d) => d.source !== DecisionSource.SHOPPER_PRESET_FALLBACK || d.fallbackReason !== FallbackReason.NO_ANSWER)
        || [...covered].some((id) => !due.has(id)) || (!cancels && covered.size !== due.size)) {
        throw invalidDecision('fallbacks must be the shopper\'s, for no answer, for exactly the lines whose window closed');
      }
      for (const decision of fallbacks) {
        this.apply(decision, now);
        if (this.s.state === OrderState.CANCELLED) return;
      }
      this.settle();
    });
  }

  /** The shopper cancels before dispatch: everything is released and refunded after notice. */
  cancel(decision: Decision, now: Date): void {
    this.run(OrderCommand.CANCEL, now, () => {
      if (!SHOPPER_SOURCES.includes(decision.source) || decision.resolution !== ShortageResolution.CANCEL_ORDER) {
        throw invalidDecision('a cancellation is the shopper\'s own CANCEL_ORDER decision');
      }
      this.apply(decision, now);
    });
  }

  private applyShopperDecision(decision: Decision, now: Date, madeAt: Date): void {
    if (!SHOPPER_SOURCES.includes(decision.source)) throw invalidDecision(`a ${decision.source} decision is not the shopper's answer`);
    for (const id of decision.lineIds) {
      const line = this.line(id);
      if (line.isBackordered) this.checkBackorderChange(line, decision, madeAt);
      else if (!line.isWaitingForShopper) throw OrderRuleError.decisionConflict(`line ${id} is not waiting for a decision`, this.conflictView());
    }
    this.apply(decision, now);
    this.settle();
  }

  /**
   * A back-order changes only to a refund or a cancellation, and only by an answer given after it was
   * decided: a concurrent answer to the shortage question itself loses, as any second answer does.
   */
  private checkBackorderChange(line: OrderLine, decision: Decision, madeAt: Date): void {
    if (!BACKORDER_CHANGES.includes(decision.resolution)) {
      throw OrderRuleError.decisionConflict(
        `line ${line.id} is back-ordered as the shopper chose; it can be refunded (REFUND_ITEM_SHIP_REST) or the order cancelled (CANCEL_ORDER)`, this.conflictView());
    }
    const backordered = this.lastDecisionAbout(line.id, ShortageResolution.WAIT_FOR_RESTOCK);
    if (backordered && madeAt.getTime() <= backordered.decidedAt.getTime()) {
      throw OrderRuleError.decisionConflict(
        `line ${line.id} was back-ordered by decision ${backordered.id} after this answer was given; answer again to change the back-order`, this.conflictView());
    }
  }

  // ---- notices (I2) ----

  /** The shopper was told about these refunds: request them now. Returns how many were requested. */
  noticeDelivered(noticeId: string, refundIds: readonly string[], now: Date): number {
    return this.run(OrderCommand.RECORD_NOTICE, now, () => {
      const told = this.s.refunds.filter((r) => refundIds.includes(r.id) && r.status === RefundStatus.PENDING_NOTICE);
      for (const refund of told) {
        refund.status = RefundStatus.REQUESTED;
        refund.requestedAt = now;
        refund.noticeId = noticeId;
        this.emit('orderRefundRequested', {
          orderId: this.id, shopperId: this.shopperId, refundId: refund.id, amountCents: refund.amountCents, currency: this.s.currency,
          lines: refund.lines.map((l) => ({ ...l })), decision: this.decision(refund.decisionId).toWire(), noticeId,
        });
      }
      // A line shows its refund as requested once none of its refunds waits for a notice any more.
      const stillPending = new Set(this.s.refunds.filter((r) => r.status === RefundStatus.PENDING_NOTICE).flatMap((r) => r.lines.map((l) => l.lineId)));
      const toldLines = new Set(told.flatMap((r) => r.lines.map((l) => l.lineId)));
      this.lineList.filter((l) => toldLines.has(l.id) && !stillPending.has(l.id)).forEach((l) => l.refundRequested());
      return told.length;
    });
  }

  // ---- fulfilment progress ----

  startPicking(now: Date): void {
    this.progress(OrderCommand.START_PICKING, OrderState.PICKING, 'orderPickingStarted', now);
  }

  markReady(now: Date): void {
    this.refuseWhileUnsettled(OrderCommand.MARK_READY);
    this.progress(OrderCommand.MARK_READY, OrderState.READY, 'orderReady', now);
  }

  /**
   * A READY order can come up short again (a recount): it never leaves before that is settled. Nor
   * does it leave without a line the shopper chose to wait for: that would drop the back-order silently.
   */
  dispatch(now: Date): void {
    this.refuseWhileUnsettled(OrderCommand.DISPATCH);
    this.refuseWhileBackordered();
    this.progress(OrderCommand.DISPATCH, OrderState.DISPATCHED, 'orderDispatched', now);
  }

  deliver(now: Date): void {
    this.progress(OrderCommand.DELIVER, OrderState.DELIVERED, 'orderDelivered', now);
  }

  // ---- internals ----

  /** The single place where what the shopper gets or pays changes; always with a recorded decision. */
  private apply(decision: Decision, now: Date): void {
    this.s.decisions.push(decision.toProps());
    this.emit('orderDecisionRecorded', {
      orderId: this.id, shopperId: this.shopperId, decision: decision.toWire(), ...(decision.caseId ? { caseId: decision.caseId } : {}),
    });
    const lines = decision.lineIds.map((id) => this.line(id));
    switch (decision.resolution) {
      case ShortageResolution.CANCEL_ORDER:
        return this.cancelWith(decision, `${decision.resolution} decided by ${decision.source}`, now);
      case ShortageResolution.REFUND_ITEM_SHIP_REST:
        return this.refundShortUnits(decision, lines, now);
      case ShortageResolution.SUBSTITUTE:
        for (const line of lines) {
          this.emit('orderSubstitutionRequested', {
            orderId: this.id, shopperId: this.shopperId, storeId: this.s.storeId, lineId: line.id, originalSku: line.sku,
            ...(decision.substituteSku ? { substituteSku: decision.substituteSku } : {}), quantity: line.shortQuantity, decision: decision.toWire(),
          });
          line.requestSubstitute(decision.id);
        }
        return;
      case ShortageResolution.WAIT_FOR_RESTOCK:
        for (const line of lines) {
          this.emit('orderLineBackordered', {
            orderId: this.id, shopperId: this.shopperId, storeId: this.s.storeId, lineId: line.id, sku: line.sku, quantity: line.shortQuantity,
            decision: decision.toWire(),
          });
          line.backorder();
        }
        return;
      case ShortageResolution.KEEP_HOLDING:
        return this.hold(decision, lines, now);
    }
  }

  private refundShortUnits(decision: Decision, lines: OrderLine[], now: Date): void {
    const refunding = new Set(lines.map((l) => l.id));
    const leftToShip = this.lineList.reduce((sum, l) => sum + l.heldQuantity + (refunding.has(l.id) ? 0 : l.shortQuantity), 0);
    if (leftToShip === 0) {
      // Refunding the short lines would leave nothing to ship: the order is cancelled and refunded instead.
      return this.cancelWith(decision, 'every line is short: nothing is left to ship', now);
    }
    for (const line of lines) {
      const quantity = line.approveRefundOfShortUnits();
      if (quantity === 0) continue;
      const refund = this.approveRefund(decision, 'SHORT_LINE', [{ lineId: line.id, sku: line.sku, quantity, amountCents: quantity * line.unitPriceCents }], now);
      this.emit('orderLineRefundApproved', {
        orderId: this.id, shopperId: this.shopperId, refundId: refund.id, lineId: line.id, sku: line.sku, name: line.name, quantity,
        amountCents: refund.amountCents, decision: decision.toWire(),
      });
    }
  }

  private cancelWith(decision: Decision, reason: string, now: Date): void {
    const refundLines: RefundLine[] = [];
    for (const line of this.lineList) {
      if (line.state === LineState.CANCELLED) continue;
      const quantity = line.cancel();
      if (quantity > 0) refundLines.push({ lineId: line.id, sku: line.sku, quantity, amountCents: quantity * line.unitPriceCents });
    }
    const amount = refundLines.reduce((sum, l) => sum + l.amountCents, 0);
    const refund = amount > 0 ? this.approveRefund(decision, 'ORDER_CANCELLED', refundLines, now) : undefined;
    this.s.state = OrderState.CANCELLED;
    this.s.resumeState = undefined;
    this.s.decisionDeadline = undefined;
    this.s.holdReviewBy = undefined;
    this.emit('orderCancelled', {
      orderId: this.id, shopperId: this.shopperId, reason, decision: decision.toWire(), refundAmountCents: amount, ...(refund ? { refundId: refund.id } : {}),
    });
  }

  private approveRefund(decision: Decision, reason: RefundSnapshot['reason'], lines: RefundLine[], now: Date): RefundSnapshot {
    const refund: RefundSnapshot = {
      id: randomUUID(), decisionId: decision.id, status: RefundStatus.PENDING_NOTICE, reason, lines,
      amountCents: lines.reduce((sum, l) => sum + l.amountCents, 0), approvedAt: now,
    };
    this.s.refunds.push(refund);
    return refund;
  }

  /** KEEP_HOLDING: the lines wait without a deadline of their own; a supervisor reviews by `holdReviewBy`. */
  private hold(decision: Decision, lines: OrderLine[], now: Date): void {
    lines.forEach((l) => l.waitForShopper());
    this.s.holdReviewBy = new Date(now.getTime() + this.rules.holdReviewMinutes * 60_000);
    this.emit('orderHeld', { orderId: this.id, shopperId: this.shopperId, decision: decision.toWire(), reviewBy: this.s.holdReviewBy.toISOString() });
  }

  /** Each line gets its own window; lines already waiting keep theirs. */
  private awaitShopper(lines: OrderLine[], stage: ShortageStage, now: Date): void {
    for (const line of lines) {
      const windowMs = contactWindowMinutes(line.policy) * 60_000 * this.rules.decisionWindowScale;
      line.waitForShopper(new Date(now.getTime() + Math.max(1, Math.round(windowMs))));
    }
    this.settle();
    const waiting = this.lineList.filter((l) => l.isWaitingForShopper);
    this.emit('orderAwaitingShopperDecision', {
      orderId: this.id, shopperId: this.shopperId, stage,
      shortLines: waiting.map((l) => ({
        lineId: l.id, sku: l.sku, name: l.name, quantityOrdered: l.quantity, quantityShort: l.shortQuantity,
        substitutes: l.shortage?.substitutes ?? [], ...(l.shortage?.restockEta ? { restockEta: l.shortage.restockEta } : {}),
      })),
      options: DECISION_OPTIONS,
      decisionDeadline: this.s.decisionDeadline!.toISOString(),
      fallback: [...new Set(waiting.map((l) => l.policy.thenFallback ?? 'KEEP_HOLDING'))].join(','),
    });
  }

  private enterWaiting(state: OrderState): void {
    if (!WAITING_STATES.includes(this.s.state)) this.s.resumeState = this.s.state;
    this.s.state = state;
  }

  /**
   * The order's waiting state follows its lines: AWAITING_SHOPPER_DECISION while a line waits for the
   * shopper with a deadline (the order's deadline is the earliest), ON_HOLD while only held lines
   * wait, back to the interrupted progress state when nothing waits. Confirms a reservation once
   * every line is settled.
   */
  private settle(): void {
    const waiting = this.lineList.filter((l) => l.isWaitingForShopper);
    const deadlines = waiting.flatMap((l) => (l.decisionDeadline ? [l.decisionDeadline.getTime()] : []));
    if (deadlines.length) {
      this.enterWaiting(OrderState.AWAITING_SHOPPER_DECISION);
      this.s.decisionDeadline = new Date(Math.min(...deadlines));
    } else if (waiting.length) {
      this.enterWaiting(OrderState.ON_HOLD);
      this.s.decisionDeadline = undefined;
    } else if (WAITING_STATES.includes(this.s.state)) {
      this.s.state = this.s.resumeState ?? OrderState.CONFIRMED;
      this.s.resumeState = undefined;
      this.s.decisionDeadline = undefined;
    }
    if (waiting.length === deadlines.length) this.s.holdReviewBy = undefined;
    if (this.s.state === OrderState.RESERVING && !this.lineList.some((l) => l.isUnsettled)) {
      this.s.state = OrderState.CONFIRMED;
      this.emit('orderConfirmed', {
        orderId: this.id, shopperId: this.shopperId,
        lines: this.lineList.filter((l) => l.state !== LineState.CANCELLED).map((l) => ({ lineId: l.id, sku: l.sku, quantity: l.heldQuantity })),
      });
    }
  }

  private progress(command: OrderCommand, to: OrderState, event: 'orderPickingStarted' | 'orderReady' | 'orderDispatched' | 'orderDelivered', now: Date): void {
    this.run(command, now, () => {
      this.s.state = to;
      this.emit(event, { orderId: this.id, shopperId: this.shopperId, at: now.toISOString() });
    });
  }

  private refuseWhileUnsettled(command: OrderCommand): void {
    if (this.lineList.some((l) => l.isUnsettled) && accepts(this.s.state, command)) {
      throw OrderRuleError.decisionConflict('some lines are still short and unsettled', this.conflictView());
    }
  }

  private refuseWhileBackordered(): void {
    const backordered = this.lineList.filter((l) => l.isBackordered);
    if (backordered.length && accepts(this.s.state, OrderCommand.DISPATCH)) {
      throw OrderRuleError.decisionConflict(
        `the shopper chose to wait for a restock of ${backordered.map((l) => `${l.sku} (line ${l.id})`).join(', ')}: `
          + 'dispatch once inventory fills the back-order, or after the shopper (or an agent for them) refunds it or cancels',
        this.conflictView(),
      );
    }
  }

  private run<T>(command: OrderCommand, now: Date, work: () => T): T {
    const from = this.s.state;
    if (!accepts(from, command)) throw OrderRuleError.transitionNotAllowed(command, this.conflictView());
    const result = work();
    if (!canEndIn(from, command, this.s.state)) {
      throw new Error(`order state machine violated: ${command} took ${this.id} from ${from} to ${this.s.state}`);
    }
    this.s.version += 1;
    this.s.updatedAt = now;
    return result;
  }

  private line(id: string, code = OrderRuleCode.UNKNOWN_LINE): OrderLine {
    const line = this.lineList.find((l) => l.id === id);
    if (!line) throw new OrderRuleError(code, `order ${this.id} has no line ${id}`);
    return line;
  }

  private pendingSubstitution(lineId: string, decisionId: string): OrderLine {
    const line = this.line(lineId, OrderRuleCode.INVALID_INVENTORY_FACT);
    if (line.pendingDecisionId !== decisionId) {
      throw new OrderRuleError(OrderRuleCode.INVALID_INVENTORY_FACT, `line ${lineId} has no substitution pending for decision ${decisionId}`);
    }
    return line;
  }

  private lastDecisionAbout(lineId: string, resolution: ShortageResolution): DecisionProps | undefined {
    return [...this.s.decisions].reverse().find((d) => d.resolution === resolution && d.lineIds.includes(lineId));
  }

  private decision(id: string): Decision {
    const props = this.s.decisions.find((d) => d.id === id);
    if (!props) throw new OrderRuleError(OrderRuleCode.INVALID_INVENTORY_FACT, `order ${this.id} has no decision ${id}`);
    return Decision.record(props);
  }

  private emit<K extends OrderEventKey>(key: K, data: PayloadOf<K>): void {
    this.events.push({ key, data } as OrderEvent);
  }
}

function invalidDecision(detail: string): OrderRuleError {
  return new OrderRuleError(OrderRuleCode.INVALID_DECISION, detail);
}
