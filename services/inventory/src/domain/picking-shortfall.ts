import { InventoryRule, InventoryRuleError } from './inventory-rule.error';

export interface HoldOnSku {
  orderId: string;
  /** Arrival order of the reservation; higher is later. */
  seq: number;
  held: number;
  /** Of those, already packed for the courier (the order is READY). */
  packed: number;
}

export interface UnitsToTake {
  orderId: string;
  units: number;
}

/**
 * Which reservations lose units when on-hand falls below reserved: the order the picker is on
 * first (its item is the one that vanished), then the latest-confirmed first, so the orders
 * promised earliest keep their stock. Packed units are in a bag, not on the shelf: they are never
 * taken (see `withBagOpened`).
 */
export function planPickingShortfall(units: number, holds: readonly HoldOnSku[], pickedOrderId?: string): UnitsToTake[] {
  const takeable = (h: HoldOnSku) => h.held - h.packed;
  const ordered = [...holds]
    .filter((h) => takeable(h) > 0)
    .sort((a, b) => Number(b.orderId === pickedOrderId) - Number(a.orderId === pickedOrderId) || b.seq - a.seq);
  const plan: UnitsToTake[] = [];
  let remaining = units;
  for (const hold of ordered) {
    if (remaining === 0) break;
    const take = Math.min(takeable(hold), remaining);
    plan.push({ orderId: hold.orderId, units: take });
    remaining -= take;
  }
  if (remaining > 0) {
    throw new InventoryRuleError(InventoryRule.NO_OVERSELL, `reservations have ${units - remaining} units to give up but ${units} must be taken`);
  }
  return plan;
}

/** Units packed in bags: a count or a loss on the shelf cannot reach them, so on-hand never drops below them. */
export function packedOffShelf(holds: readonly HoldOnSku[]): number {
  return holds.reduce((sum, h) => sum + h.packed, 0);
}

/** A picker reporting units missing or damaged on a packed order found them in its bag: that bag's units can be lost. */
export function withBagOpened(holds: readonly HoldOnSku[], orderId: string): HoldOnSku[] {
  return holds.map((h) => (h.orderId === orderId ? { ...h, packed: 0 } : h));
}
