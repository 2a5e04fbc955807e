/** I2: approved at once, requested from the payment platform only after the shopper's notice. */
export enum RefundStatus {
  PENDING_NOTICE = 'PENDING_NOTICE',
  REQUESTED = 'REQUESTED',
}

export interface RefundLine {
  lineId: string;
  sku: string;
  quantity: number;
  amountCents: number;
}

export interface RefundSnapshot {
  id: string;
  decisionId: string;
  status: RefundStatus;
  amountCents: number;
  lines: RefundLine[];
  /** The event that announced it (line-refund-approved or cancelled): what the notice is about. */
  reason: 'SHORT_LINE' | 'ORDER_CANCELLED';
  approvedAt: Date;
  requestedAt?: Date;
  noticeId?: string;
}
