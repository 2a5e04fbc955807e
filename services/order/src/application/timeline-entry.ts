/** One line of an order's story, for the shopper, the agent and the supervisor. */
export enum TimelineKind {
  /** An event this service published about the order. */
  PUBLISHED = 'PUBLISHED',
  /** An event another service published about the order (inventory, notification, customer-service). */
  CONSUMED = 'CONSUMED',
  /** A decision that arrived too late or conflicted: kept, not applied. */
  DECISION_REJECTED = 'DECISION_REJECTED',
  /** A fact that arrived after the order could use it (e.g. stock held for a cancelled order). */
  IGNORED = 'IGNORED',
}

export interface TimelineEntry {
  orderId: string;
  at: Date;
  kind: TimelineKind;
  eventType?: string;
  eventId?: string;
  summary: string;
  data?: object;
}
