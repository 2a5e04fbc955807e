import { DomainException, StateConflictException } from '@askfirst/platform';
import { StockLevel } from './stock-level.view';

export enum InventoryErrorCode {
  STOCK_ITEM_NOT_FOUND = 'STOCK_ITEM_NOT_FOUND',
  RESERVATION_NOT_FOUND = 'RESERVATION_NOT_FOUND',
  ON_HAND_CHANGE_NEEDS_ADJUSTMENT = 'ON_HAND_CHANGE_NEEDS_ADJUSTMENT',
  ON_HAND_LIMIT_EXCEEDED = 'ON_HAND_LIMIT_EXCEEDED',
}

export class StockItemNotFoundException extends DomainException<InventoryErrorCode> {
  readonly status = 404;
  constructor(storeId: string, sku: string) {
    super(InventoryErrorCode.STOCK_ITEM_NOT_FOUND, `Store ${storeId} has no SKU ${sku}.`);
  }
}

export class ReservationNotFoundException extends DomainException<InventoryErrorCode> {
  readonly status = 404;
  constructor(orderId: string) {
    super(InventoryErrorCode.RESERVATION_NOT_FOUND, `No reservation exists for order ${orderId}.`);
  }
}

/** PUT edits the catalogue entry; stock moves only through restock and adjustments, which are logged. */
export class OnHandChangeNeedsAdjustmentException extends StateConflictException<InventoryErrorCode> {
  constructor(current: StockLevel) {
    super(
      InventoryErrorCode.ON_HAND_CHANGE_NEEDS_ADJUSTMENT,
      `On-hand of ${current.sku} is ${current.onHand}; change it with a restock or a RECOUNT adjustment, not the catalogue entry.`,
      current,
    );
  }
}

export class OnHandLimitExceededException extends StateConflictException<InventoryErrorCode> {
  constructor(current: StockLevel, limit: number) {
    super(InventoryErrorCode.ON_HAND_LIMIT_EXCEEDED, `On-hand of ${current.sku} would exceed ${limit}.`, current);
  }
}
