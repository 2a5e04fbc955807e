import { OrderSnapshot, WaitingOwner } from '../domain/order.aggregate';
import { TimelineEntry } from './timeline-entry';

/** What the read side returns: the order as stored, who owns it while it waits, and its story. */
export interface OrderView {
  order: OrderSnapshot;
  waiting?: { owner: WaitingOwner; deadline: Date };
  waitingLineIds: string[];
  timeline: TimelineEntry[];
}

/** Asks whether the caller may see or act on this shopper's order; throws when not (403). */
export type AuthorizeShopper = (orderShopperId: string) => void;

/** Keyset position in a shopper's orders, newest first. */
export interface OrderPageCursor {
  placedAt: Date;
  id: string;
}
