import { ShortageResolution } from '@askfirst/contracts';

export interface OrderDecisionRequest {
  orderId: string;
  shopperId: string;
  resolution: ShortageResolution;
  lineIds: string[];
  substituteSku?: string;
  /** The decision link id: lets the order service recognise a retried call. */
  idempotencyKey: string;
}

export type OrderDecisionResult =
  | { kind: 'ACCEPTED' }
  | { kind: 'CONFLICT'; detail?: string }
  /** The order service could not take it now (down, 5xx, refused our request): the link stays usable. */
  | { kind: 'UNAVAILABLE'; detail: string };

/** The order service's `POST /orders/:id/decision` (ADR 0003: the one REST call notification makes). */
export abstract class OrderDecisionPort {
  abstract submit(request: OrderDecisionRequest): Promise<OrderDecisionResult>;
}
