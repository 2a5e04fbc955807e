import { InventoryRule, InventoryRuleError } from './inventory-rule.error';

export interface HoldOnSku {
  orderId: string;
  /** Arrival order of the reservation; higher is later. */
  seq: number;
  held: number;
}

export interface UnitsToTake {
  orderId: string;
  units: number;
}

/**
 * Which reservations lose units when on-hand falls below reserved: the order the picker is on
 * first (its item is the one that vanished), then the latest-confirmed first, so the orders
 * promised earliest keep their stock.
 */
export function planPickingShortfall(units: number, holds: readonly HoldOnSku[], pickedOrderId?: string): UnitsToTake[] {
  const ordered = [...holds]
    .filter((h) => h.held > 0)
    .sort((a, b) => Number(b.orderId === pickedOrderId) - Number(a.orderId === pickedOrderId) || b.seq - a.seq);
  const plan: UnitsToTake[] = [];
  let remaining = units;
  for (const hold of ordered) {
    if (remaining === 0) break;
    const take = Math.min(hold.held, remaining);
    plan.push({ orderId: hold.orderId, units: take });
    remaining -= take;
  }
  if (remaining > 0) {
    throw new InventoryRuleError(InventoryRule.NO_OVERSELL, `reservations hold ${units - remaining} units but ${units} must be taken`);
  }
  return plan;
}
