import { assertPositiveInteger, InventoryRule, InventoryRuleError } from './inventory-rule.error';

export enum ReservationStatus {
  HELD = 'HELD',
  RELEASED = 'RELEASED',
  COMMITTED = 'COMMITTED',
}

/** One SKU held for one order line. A substituted line has a second row for its substitute SKU. */
export interface ReservationLine {
  lineId: string;
  sku: string;
  /** The SKU this row stands in for, when it is a substitute. */
  substituteFor: string | null;
  /** What the order still expects of this SKU on this line (ordered, less refunded or substituted). */
  quantityWanted: number;
  quantityHeld: number;
  /** Held units already packed for the courier (the order is READY): off the shelf, in the bag. */
  quantityPacked: number;
  quantityCommitted: number;
}

export interface ReservationState {
  orderId: string;
  storeId: string;
  shopperId: string;
  status: ReservationStatus;
  /** Arrival order of reservations, assigned by the store; picking shortages take from the latest first. */
  seq: number | null;
  lines: ReservationLine[];
}

export interface LineQuantity {
  lineId: string;
  sku: string;
  quantity: number;
}

export interface ShortLine {
  lineId: string;
  sku: string;
  quantityWanted: number;
  quantityHeld: number;
  quantityShort: number;
}

export interface LineAllocation {
  lineId: string;
  sku: string;
  quantityOrdered: number;
  quantityHeld: number;
}

/** What inventory holds for one order, and the only place its held quantities change. */
export class Reservation {
  private constructor(private readonly state: ReservationState) {
    for (const line of state.lines) Reservation.assertLine(line);
  }

  static open(orderId: string, storeId: string, shopperId: string, allocations: readonly LineAllocation[]): Reservation {
    return new Reservation({
      orderId,
      storeId,
      shopperId,
      status: ReservationStatus.HELD,
      seq: null,
      lines: allocations.map((a) => ({
        lineId: a.lineId,
        sku: a.sku,
        substituteFor: null,
        quantityWanted: a.quantityOrdered,
        quantityHeld: a.quantityHeld,
        quantityPacked: 0,
        quantityCommitted: 0,
      })),
    });
  }

  static restore(state: ReservationState): Reservation {
    return new Reservation({ ...state, lines: state.lines.map((l) => ({ ...l })) });
  }

  get orderId(): string { return this.state.orderId; }
  get storeId(): string { return this.state.storeId; }
  get shopperId(): string { return this.state.shopperId; }
  get status(): ReservationStatus { return this.state.status; }
  get seq(): number | null { return this.state.seq; }
  get isHeld(): boolean { return this.state.status === ReservationStatus.HELD; }
  get lines(): readonly ReservationLine[] { return this.state.lines.map((l) => ({ ...l })); }
  get skus(): string[] { return [...new Set(this.state.lines.map((l) => l.sku))].sort(); }

  snapshot(): ReservationState {
    return { ...this.state, lines: this.lines.slice() };
  }

  heldOf(sku: string): number {
    return this.state.lines.filter((l) => l.sku === sku).reduce((sum, l) => sum + l.quantityHeld, 0);
  }

  /** Units of `sku` packed in this order's bag. */
  packedOf(sku: string): number {
    return this.state.lines.filter((l) => l.sku === sku).reduce((sum, l) => sum + l.quantityPacked, 0);
  }

  hasLine(lineId: string, sku: string): boolean {
    return this.state.lines.some((l) => l.lineId === lineId && l.sku === sku);
  }

  outstandingOf(lineId: string, sku: string): number {
    const line = this.line(lineId, sku);
    return line.quantityWanted - line.quantityHeld;
  }

  /** Rows the order still wants that are held in full. */
  fullyHeldLines(): LineQuantity[] {
    return this.state.lines
      .filter((l) => l.quantityWanted > 0 && l.quantityHeld === l.quantityWanted)
      .map((l) => ({ lineId: l.lineId, sku: l.sku, quantity: l.quantityHeld }));
  }

  shortLines(): ShortLine[] {
    return this.state.lines.filter((l) => l.quantityHeld < l.quantityWanted).map(toShortLine);
  }

  /** Cancel: every held unit goes back on the shelf. */
  release(): LineQuantity[] {
    this.assertHeld('release');
    const released = this.heldRows();
    for (const line of this.state.lines) {
      line.quantityHeld = 0;
      line.quantityPacked = 0;
    }
    this.state.status = ReservationStatus.RELEASED;
    return released;
  }

  /** Dispatch: every held unit leaves the store. */
  commit(): LineQuantity[] {
    this.assertHeld('commit');
    const committed = this.heldRows();
    for (const line of this.state.lines) {
      line.quantityCommitted += line.quantityHeld;
      line.quantityHeld = 0;
      line.quantityPacked = 0;
    }
    this.state.status = ReservationStatus.COMMITTED;
    return committed;
  }

  /** order.ready: what is held now is in the bag, so a count of the shelf no longer sees it. */
  markPacked(): void {
    if (!this.isHeld) return;
    for (const line of this.state.lines) line.quantityPacked = line.quantityHeld;
  }

  /**
   * Units of `sku` that no longer exist are taken from this order's rows, last row first, and the
   * rows now short are returned. Unpacked units go first; packed ones only with `includePacked`
   * (the picker named this order: its bag lost them).
   */
  takeUnits(sku: string, units: number, includePacked = false): ShortLine[] {
    this.assertHeld('take units from');
    assertPositiveInteger(units, 'units taken');
    const takeable = this.heldOf(sku) - (includePacked ? 0 : this.packedOf(sku));
    if (units > takeable) {
      throw new InventoryRuleError(InventoryRule.HOLD_EXCEEDS_LINE, `order ${this.orderId} has only ${takeable} of ${sku} to take, cannot take ${units}`);
    }
    const affected = new Set<ReservationLine>();
    let remaining = units;
    const rows = [...this.state.lines].reverse().filter((l) => l.sku === sku);
    for (const fromPacked of includePacked ? [false, true] : [false]) {
      for (const line of rows) {
        const available = fromPacked ? line.quantityPacked : line.quantityHeld - line.quantityPacked;
        const taken = Math.min(available, remaining);
        if (taken === 0) continue;
        line.quantityHeld -= taken;
        if (fromPacked) line.quantityPacked -= taken;
        remaining -= taken;
        affected.add(line);
      }
    }
    return this.state.lines.filter((l) => affected.has(l)).map(toShortLine);
  }

  /** A substitute held for the short part of a line: the original row stops wanting those units. */
  addSubstitute(lineId: string, originalSku: string, sku: string, quantity: number): void {
    this.assertHeld('substitute on');
    assertPositiveInteger(quantity, 'substitute quantity');
    const original = this.line(lineId, originalSku);
    original.quantityWanted -= Math.min(quantity, original.quantityWanted - original.quantityHeld);
    const existing = this.state.lines.find((l) => l.lineId === lineId && l.sku === sku);
    if (existing) {
      existing.quantityWanted += quantity;
      existing.quantityHeld += quantity;
      return;
    }
    this.state.lines.push({ lineId, sku, substituteFor: originalSku, quantityWanted: quantity, quantityHeld: quantity, quantityPacked: 0, quantityCommitted: 0 });
  }

  /** A refunded quantity is no longer wanted; any units held beyond what is still wanted are released. */
  approveRefund(lineId: string, sku: string, quantity: number): number {
    assertPositiveInteger(quantity, 'refunded quantity');
    if (!this.isHeld || !this.hasLine(lineId, sku)) return 0;
    const line = this.line(lineId, sku);
    line.quantityWanted = Math.max(0, line.quantityWanted - quantity);
    const released = Math.max(0, line.quantityHeld - line.quantityWanted);
    line.quantityHeld -= released;
    line.quantityPacked = Math.min(line.quantityPacked, line.quantityHeld);
    return released;
  }

  /** Units from a restock that a back-order of this line was waiting for. */
  fillBackorder(lineId: string, sku: string, units: number): void {
    this.assertHeld('fill a back-order on');
    assertPositiveInteger(units, 'back-order units');
    const line = this.line(lineId, sku);
    if (line.quantityHeld + units > line.quantityWanted) {
      throw new InventoryRuleError(InventoryRule.HOLD_EXCEEDS_LINE, `line ${lineId} wants ${line.quantityWanted} of ${sku}, holds ${line.quantityHeld}, cannot add ${units}`);
    }
    line.quantityHeld += units;
  }

  private heldRows(): LineQuantity[] {
    return this.state.lines.filter((l) => l.quantityHeld > 0).map((l) => ({ lineId: l.lineId, sku: l.sku, quantity: l.quantityHeld }));
  }

  private line(lineId: string, sku: string): ReservationLine {
    const line = this.state.lines.find((l) => l.lineId === lineId && l.sku === sku);
    if (!line) throw new InventoryRuleError(InventoryRule.UNKNOWN_LINE, `order ${this.orderId} has no line ${lineId} for ${sku}`);
    return line;
  }

  private assertHeld(action: string): void {
    if (!this.isHeld) {
      throw new InventoryRuleError(InventoryRule.RESERVATION_CLOSED, `cannot ${action} reservation of order ${this.orderId}: it is ${this.status}`);
    }
  }

  private static assertLine(line: ReservationLine): void {
    if (line.quantityHeld < 0 || line.quantityHeld > line.quantityWanted || line.quantityWanted < 0 || line.quantityCommitted < 0
      || line.quantityPacked < 0 || line.quantityPacked > line.quantityHeld) {
      throw new InventoryRuleError(InventoryRule.HOLD_EXCEEDS_LINE, `line ${line.lineId}/${line.sku}: wanted ${line.quantityWanted}, held ${line.quantityHeld}`);
    }
  }
}

function toShortLine(l: ReservationLine): ShortLine {
  return { lineId: l.lineId, sku: l.sku, quantityWanted: l.quantityWanted, quantityHeld: l.quantityHeld, quantityShort: l.quantityWanted - l.quantityHeld };
}
