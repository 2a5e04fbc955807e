import { LineState, ShortageStage } from '@askfirst/contracts';
import { OrderRuleCode, OrderRuleError } from './order-errors';
import { ShortagePolicy } from './shortage-policy';
import { copyPlain } from './plain-data';

export interface SuggestedSubstitute {
  sku: string;
  name: string;
  available: number;
  unitPriceCents: number;
}

/** What inventory said when the line came up short: shown to the shopper and the agent. */
export interface ShortageDetail {
  stage: ShortageStage;
  substitutes: SuggestedSubstitute[];
  restockEta?: string;
}

export interface HeldSubstitute {
  sku: string;
  name: string;
  quantity: number;
  unitPriceCents: number;
}

/** Why a SHORT line is not settled yet: the shopper must decide, or inventory must answer. */
export type LineWait = 'SHOPPER' | 'SUBSTITUTE';

export interface LineSnapshot {
  id: string;
  sku: string;
  name: string;
  quantity: number;
  unitPriceCents: number;
  policy: ShortagePolicy;
  state: LineState;
  /** Units short and not yet refunded, substituted or refilled. */
  shortQuantity: number;
  /** Units whose refund is approved (pending notice or requested). */
  refundedQuantity: number;
  waitingFor?: LineWait;
  /**
   * When this line's own CONTACT_ME window closes and its fallback applies. A line waiting for the
   * shopper without one is held for a supervisor (KEEP_HOLDING).
   */
  decisionDeadline?: Date;
  /** The decision whose substitution inventory has yet to answer. */
  pendingDecisionId?: string;
  shortage?: ShortageDetail;
  substitute?: HeldSubstitute;
}

/** One order line and the transitions of its own state. The order decides when they may run. */
export class OrderLine {
  constructor(private readonly s: LineSnapshot) {}

  get id(): string { return this.s.id; }
  get sku(): string { return this.s.sku; }
  get name(): string { return this.s.name; }
  get quantity(): number { return this.s.quantity; }
  get unitPriceCents(): number { return this.s.unitPriceCents; }
  get policy(): ShortagePolicy { return this.s.policy; }
  get state(): LineState { return this.s.state; }
  get shortQuantity(): number { return this.s.shortQuantity; }
  get refundedQuantity(): number { return this.s.refundedQuantity; }
  get shortage(): ShortageDetail | undefined { return this.s.shortage; }
  get pendingDecisionId(): string | undefined { return this.s.pendingDecisionId; }
  get decisionDeadline(): Date | undefined { return this.s.decisionDeadline; }

  /** Units the shopper has paid for and not been refunded. */
  get openQuantity(): number {
    return this.s.quantity - this.s.refundedQuantity;
  }

  /** Units that still leave the store with the courier (the original or its substitute). */
  get heldQuantity(): number {
    return this.state === LineState.CANCELLED ? 0 : this.openQuantity - this.s.shortQuantity;
  }

  get isWaitingForShopper(): boolean {
    return this.s.state === LineState.SHORT && this.s.waitingFor === 'SHOPPER';
  }

  /** Waiting for the shopper and its own window has closed: its fallback is due. */
  isFallbackDue(now: Date): boolean {
    return this.isWaitingForShopper && this.s.decisionDeadline !== undefined && this.s.decisionDeadline <= now;
  }

  /** The shopper chose to wait for a restock of the short units (WAIT_FOR_RESTOCK). */
  get isBackordered(): boolean {
    return this.s.state === LineState.BACKORDERED;
  }

  get isUnsettled(): boolean {
    return this.s.state === LineState.PENDING || this.s.state === LineState.SHORT;
  }

  reserve(): void {
    if (this.s.state !== LineState.PENDING) return; // already held: a repeated fact changes nothing
    this.s.state = LineState.RESERVED;
  }

  markShort(quantityShort: number, detail: ShortageDetail): void {
    if (this.s.state === LineState.CANCELLED || quantityShort > this.openQuantity - this.s.shortQuantity) {
      throw new OrderRuleError(OrderRuleCode.INVALID_INVENTORY_FACT, `line ${this.id} cannot be ${quantityShort} short: only ${this.heldQuantity} held`);
    }
    this.s.shortQuantity += quantityShort;
    this.s.state = LineState.SHORT;
    this.stopWaiting();
    this.s.shortage = detail;
  }

  /** Waits for the shopper's answer until `deadline`; without one, held for a supervisor. */
  waitForShopper(deadline?: Date): void {
    this.stopWaiting();
    this.s.waitingFor = 'SHOPPER';
    if (deadline) this.s.decisionDeadline = deadline;
  }

  requestSubstitute(decisionId: string): void {
    this.stopWaiting();
    this.s.waitingFor = 'SUBSTITUTE';
    this.s.pendingDecisionId = decisionId;
  }

  substituted(substitute: HeldSubstitute): void {
    this.s.substitute = substitute;
    this.s.shortQuantity = 0;
    this.s.state = LineState.SUBSTITUTED;
    this.stopWaiting();
  }

  substituteUnavailable(): void {
    this.stopWaiting();
  }

  backorder(): void {
    this.s.state = LineState.BACKORDERED;
    this.stopWaiting();
  }

  /** Returns the units the restock filled. */
  backorderFilled(): number {
    if (this.s.state !== LineState.BACKORDERED) {
      throw new OrderRuleError(OrderRuleCode.INVALID_INVENTORY_FACT, `line ${this.id} is ${this.s.state}, not BACKORDERED`);
    }
    const units = this.s.shortQuantity;
    this.s.shortQuantity = 0;
    this.s.state = LineState.RESERVED;
    return units;
  }

  /**
   * The short units will be refunded once the shopper has been told (I2). Returns the units. A line
   * that keeps units for the shopper says so (PARTIAL_…): it still ships.
   */
  approveRefundOfShortUnits(): number {
    const units = this.s.shortQuantity;
    this.s.refundedQuantity += units;
    this.s.shortQuantity = 0;
    this.s.state = this.openQuantity > 0 ? LineState.PARTIAL_REFUND_PENDING_NOTICE : LineState.REFUND_PENDING_NOTICE;
    this.stopWaiting();
    return units;
  }

  /** Every refund of this line is now requested (the shopper was told of each). */
  refundRequested(): void {
    if (this.s.state === LineState.REFUND_PENDING_NOTICE) this.s.state = LineState.REFUNDED;
    if (this.s.state === LineState.PARTIAL_REFUND_PENDING_NOTICE) this.s.state = LineState.PARTLY_REFUNDED;
  }

  /** Cancels the line; returns the units still paid for, which the cancellation refunds. */
  cancel(): number {
    const units = this.openQuantity;
    this.s.refundedQuantity = this.s.quantity;
    this.s.shortQuantity = 0;
    this.s.state = LineState.CANCELLED;
    this.stopWaiting();
    return units;
  }

  snapshot(): LineSnapshot {
    return copyPlain(this.s);
  }

  private stopWaiting(): void {
    delete this.s.waitingFor;
    delete this.s.pendingDecisionId;
    delete this.s.decisionDeadline;
  }
}
