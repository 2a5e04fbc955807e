/** Rules the inventory aggregates refuse to break. Use cases check them first; seeing one means a bug. */
export enum InventoryRule {
  NO_OVERSELL = 'NO_OVERSELL',
  QUANTITY_NOT_POSITIVE = 'QUANTITY_NOT_POSITIVE',
  ON_HAND_LIMIT = 'ON_HAND_LIMIT',
  RESERVATION_CLOSED = 'RESERVATION_CLOSED',
  UNKNOWN_LINE = 'UNKNOWN_LINE',
  HOLD_EXCEEDS_LINE = 'HOLD_EXCEEDS_LINE',
}

export class InventoryRuleError extends Error {
  constructor(readonly rule: InventoryRule, message: string) {
    super(`${rule}: ${message}`);
    this.name = 'InventoryRuleError';
  }
}

export function assertPositiveInteger(quantity: number, what: string): void {
  if (!Number.isInteger(quantity) || quantity <= 0) {
    throw new InventoryRuleError(InventoryRule.QUANTITY_NOT_POSITIVE, `${what} must be a positive integer, got ${quantity}`);
  }
}
