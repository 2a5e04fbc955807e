export enum BackorderStatus {
  WAITING = 'WAITING',
  FILLED = 'FILLED',
  CANCELLED = 'CANCELLED',
}

/** A short line waiting for restock; filled in order of arrival (`seq`). */
export interface Backorder {
  id: string;
  seq: number;
  orderId: string;
  lineId: string;
  storeId: string;
  sku: string;
  quantity: number;
  quantityFilled: number;
  status: BackorderStatus;
  queuedAt: Date;
}
