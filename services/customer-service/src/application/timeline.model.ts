/** One line of an order's story as stored; `internalNote` is for staff only. */
export interface TimelineRecord {
  eventId: string;
  orderId: string;
  type: string;
  source: string;
  occurredAt: Date;
  summary: string;
  detail: Record<string, unknown>;
  internalNote: string | null;
}
