import { assertPositiveInteger, InventoryRule, InventoryRuleError } from './inventory-rule.error';

/** Keeps on-hand inside a PostgreSQL integer with room to spare; a bigger shelf is a typo. */
export const MAX_ON_HAND = 1_000_000_000;

export interface CatalogueDetails {
  name: string;
  category: string;
  unitPriceCents: number;
  restockEta: Date | null;
}

export interface StockItemState extends CatalogueDetails {
  storeId: string;
  sku: string;
  onHand: number;
  reserved: number;
}

/** What a change of on-hand did: how far it moved and how many held units it took from reservations. */
export interface OnHandChange {
  delta: number;
  unitsTakenFromReservations: number;
}

/**
 * One SKU in one store. Guards I3 (0 <= reserved <= onHand) on every change; the database
 * CHECK constraint is the second line.
 */
export class StockItem {
  private constructor(private state: StockItemState) {
    StockItem.assertInvariant(state);
  }

  static create(storeId: string, sku: string, details: CatalogueDetails, onHand = 0): StockItem {
    return new StockItem({ storeId, sku, ...details, onHand, reserved: 0 });
  }

  static restore(state: StockItemState): StockItem {
    return new StockItem({ ...state });
  }

  get storeId(): string { return this.state.storeId; }
  get sku(): string { return this.state.sku; }
  get name(): string { return this.state.name; }
  get category(): string { return this.state.category; }
  get unitPriceCents(): number { return this.state.unitPriceCents; }
  get restockEta(): Date | null { return this.state.restockEta; }
  get onHand(): number { return this.state.onHand; }
  get reserved(): number { return this.state.reserved; }
  get available(): number { return this.state.onHand - this.state.reserved; }

  snapshot(): StockItemState {
    return { ...this.state };
  }

  describe(details: CatalogueDetails): void {
    this.state = { ...this.state, ...details };
  }

  /** Holds as much of `requested` as is available and returns how much that was. */
  holdUpTo(requested: number): number {
    assertPositiveInteger(requested, 'requested quantity');
    const held = Math.min(requested, Math.max(0, this.available));
    this.state.reserved += held;
    return held;
  }

  /** Holds exactly `quantity` or nothing. */
  holdExactly(quantity: number): boolean {
    assertPositiveInteger(quantity, 'quantity');
    if (quantity > this.available) return false;
    this.state.reserved += quantity;
    return true;
  }

  release(quantity: number): void {
    assertPositiveInteger(quantity, 'released quantity');
    if (quantity > this.state.reserved) {
      throw new InventoryRuleError(InventoryRule.NO_OVERSELL, `cannot release ${quantity} of ${this.sku}: only ${this.state.reserved} reserved`);
    }
    this.state.reserved -= quantity;
  }

  /** Held units leave with the courier: they stop being on the shelf and stop being reserved. */
  commit(quantity: number): void {
    assertPositiveInteger(quantity, 'committed quantity');
    if (quantity > this.state.reserved) {
      throw new InventoryRuleError(InventoryRule.NO_OVERSELL, `cannot commit ${quantity} of ${this.sku}: only ${this.state.reserved} reserved`);
    }
    this.state.onHand -= quantity;
    this.state.reserved -= quantity;
  }

  canRestock(quantity: number): boolean {
    return this.state.onHand + quantity <= MAX_ON_HAND;
  }

  restock(quantity: number): void {
    assertPositiveInteger(quantity, 'restocked quantity');
    if (!this.canRestock(quantity)) {
      throw new InventoryRuleError(InventoryRule.ON_HAND_LIMIT, `on-hand of ${this.sku} would exceed ${MAX_ON_HAND}`);
    }
    this.state.onHand += quantity;
  }

  /**
   * Picker found units missing or damaged: on-hand drops, never below the units packed in bags
   * (`packedOffShelf`: they are not on the shelf the picker looked at), nor below zero.
   */
  loseUnits(quantity: number, packedOffShelf = 0): OnHandChange {
    assertPositiveInteger(quantity, 'lost quantity');
    return this.setOnHand(Math.max(Math.min(packedOffShelf, this.state.onHand), this.state.onHand - quantity));
  }

  /** A count of the shelf replaces on-hand; units already packed in bags are not on the shelf and still exist. */
  recount(countedOnHand: number, packedOffShelf = 0): OnHandChange {
    const next = countedOnHand + packedOffShelf;
    if (!Number.isInteger(countedOnHand) || countedOnHand < 0 || next > MAX_ON_HAND) {
      throw new InventoryRuleError(InventoryRule.ON_HAND_LIMIT, `counted on-hand must be 0..${MAX_ON_HAND - packedOffShelf}, got ${countedOnHand}`);
    }
    return this.setOnHand(next);
  }

  // Units that no longer exist cannot stay promised: reserved shrinks with on-hand, and the caller
  // must take the same number of units away from reservations.
  private setOnHand(next: number): OnHandChange {
    const delta = next - this.state.onHand;
    const unitsTakenFromReservations = Math.max(0, this.state.reserved - next);
    this.state.onHand = next;
    this.state.reserved -= unitsTakenFromReservations;
    return { delta, unitsTakenFromReservations };
  }

  private static assertInvariant(state: StockItemState): void {
    const { onHand, reserved } = state;
    if (!Number.isInteger(onHand) || !Number.isInteger(reserved) || reserved < 0 || onHand < 0 || reserved > onHand || onHand > MAX_ON_HAND) {
      throw new InventoryRuleError(InventoryRule.NO_OVERSELL, `${state.storeId}/${state.sku}: onHand ${onHand}, reserved ${reserved}`);
    }
  }
}
