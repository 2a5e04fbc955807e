import type { PayloadOf } from '@askfirst/contracts';

/** The facts an order publishes; payloads are the contract classes, keyed by their catalog entry. */
export type OrderEventKey =
  | 'orderPlaced'
  | 'orderConfirmed'
  | 'orderAwaitingShopperDecision'
  | 'orderDecisionRecorded'
  | 'orderLineRefundApproved'
  | 'orderSubstitutionRequested'
  | 'orderLineSubstituted'
  | 'orderLineBackordered'
  | 'orderBackorderFilled'
  | 'orderHeld'
  | 'orderCancelled'
  | 'orderRefundRequested'
  | 'orderPickingStarted'
  | 'orderReady'
  | 'orderDispatched'
  | 'orderDelivered';

export type OrderEvent = { [K in OrderEventKey]: { key: K; data: PayloadOf<K> } }[OrderEventKey];
