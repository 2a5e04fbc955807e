import { PendingShortage } from '../domain/pending-shortage';

export interface OrderLineView {
  lineId: string;
  sku: string;
  name: string;
  quantity: number;
  unitPriceCents: number;
  policy: string;
}

/** The order as this service sees it, built from events (never read from the order service's tables). */
export interface OrderSnapshot {
  orderId: string;
  shopperId: string;
  storeId: string | null;
  placedAt: Date | null;
  lines: OrderLineView[];
  pendingShortage: PendingShortage | null;
}
