import { SourceService } from './envelope';
import { TopicName, Topics } from './topics';
import * as cs from './events/customer-service.events';
import * as inv from './events/inventory.events';
import * as notif from './events/notification.events';
import * as ord from './events/order.events';

export interface EventDefinition<T = unknown> {
  /** Versioned type string; never renamed, never derived from the class name. */
  readonly type: string;
  readonly topic: TopicName;
  readonly source: SourceService;
  readonly payload: new () => T;
  readonly summary: string;
}

function define<T>(type: string, topic: TopicName, source: SourceService, payload: new () => T, summary: string): EventDefinition<T> {
  return { type, topic, source, payload, summary };
}

export const Events = {
  orderPlaced: define('order.placed.v1', Topics.order, 'order', ord.OrderPlacedV1, 'A shopper placed an order with their shortage choice.'),
  orderConfirmed: define('order.confirmed.v1', Topics.order, 'order', ord.OrderConfirmedV1, 'Every line is reserved; the order will be picked.'),
  orderAwaitingShopperDecision: define('order.awaiting-shopper-decision.v1', Topics.order, 'order', ord.OrderAwaitingShopperDecisionV1, 'A shortage under CONTACT_ME: the shopper (or an agent for them) must decide by the deadline.'),
  orderDecisionRecorded: define('order.decision-recorded.v1', Topics.order, 'order', ord.OrderDecisionRecordedV1, 'A decision about short lines was recorded, with its source.'),
  orderLineRefundApproved: define('order.line-refund-approved.v1', Topics.order, 'order', ord.OrderLineRefundApprovedV1, 'A short line will be refunded once the shopper has been told.'),
  orderSubstitutionRequested: define('order.substitution-requested.v1', Topics.order, 'order', ord.OrderSubstitutionRequestedV1, 'The order asks inventory to hold a substitute for a short line.'),
  orderLineSubstituted: define('order.line-substituted.v1', Topics.order, 'order', ord.OrderLineSubstitutedV1, 'A short line was replaced by a held substitute.'),
  orderLineBackordered: define('order.line-backordered.v1', Topics.order, 'order', ord.OrderLineBackorderedV1, 'A short line waits for restock.'),
  orderBackorderFilled: define('order.backorder-filled.v1', Topics.order, 'order', ord.OrderBackorderFilledV1, 'A restock filled a back-ordered line; it is held again and ships with the order.'),
  orderHeld: define('order.held.v1', Topics.order, 'order', ord.OrderHeldV1, 'KEEP_HOLDING: the order waits for a supervisor; nothing is refunded.'),
  orderCancelled: define('order.cancelled.v1', Topics.order, 'order', ord.OrderCancelledV1, 'The order was cancelled by a recorded decision; reservations are released.'),
  orderRefundRequested: define('order.refund-requested.v1', Topics.order, 'order', ord.OrderRefundRequestedV1, 'For the payment platform: refund after the shopper was told.'),
  orderPickingStarted: define('order.picking-started.v1', Topics.order, 'order', ord.OrderProgressV1, 'A picker started on the order.'),
  orderReady: define('order.ready.v1', Topics.order, 'order', ord.OrderProgressV1, 'The order is packed and waits for a courier.'),
  orderDispatched: define('order.dispatched.v1', Topics.order, 'order', ord.OrderProgressV1, 'The courier has the order; reservations are committed.'),
  orderDelivered: define('order.delivered.v1', Topics.order, 'order', ord.OrderProgressV1, 'The shopper has the order.'),

  inventoryReserved: define('inventory.reserved.v1', Topics.inventory, 'inventory', inv.InventoryReservedV1, 'Every line of an order is held in full.'),
  inventoryShortageDetected: define('inventory.shortage-detected.v1', Topics.inventory, 'inventory', inv.InventoryShortageDetectedV1, 'Lines of an order cannot be held in full, at reservation or after.'),
  inventoryReleased: define('inventory.released.v1', Topics.inventory, 'inventory', inv.InventoryReleasedV1, 'Held stock of an order went back on the shelf.'),
  inventoryCommitted: define('inventory.committed.v1', Topics.inventory, 'inventory', inv.InventoryCommittedV1, 'Held stock left the store with the courier.'),
  inventorySubstituteReserved: define('inventory.substitute-reserved.v1', Topics.inventory, 'inventory', inv.InventorySubstituteReservedV1, 'A substitute is held for a short line.'),
  inventorySubstituteUnavailable: define('inventory.substitute-unavailable.v1', Topics.inventory, 'inventory', inv.InventorySubstituteUnavailableV1, 'No substitute could be held for a short line.'),
  inventoryBackorderFilled: define('inventory.backorder-filled.v1', Topics.inventory, 'inventory', inv.InventoryBackorderFilledV1, 'A restock filled a back-ordered line.'),
  inventoryStockAdjusted: define('inventory.stock-adjusted.v1', Topics.inventory, 'inventory', inv.InventoryStockAdjustedV1, 'On-hand changed: restock, missing, damaged or recount.'),

  notificationShopperNotified: define('notification.shopper-notified.v1', Topics.notification, 'notification', notif.NotificationShopperNotifiedV1, 'A notice reached the shopper on at least one channel.'),
  notificationDeliveryFailed: define('notification.delivery-failed.v1', Topics.notification, 'notification', notif.NotificationDeliveryFailedV1, 'Every channel failed after retries.'),

  caseOpened: define('customer-service.case-opened.v1', Topics.customerService, 'customer-service', cs.CaseOpenedV1, 'A case opened with an SLA deadline.'),
  agentJoined: define('customer-service.agent-joined.v1', Topics.customerService, 'customer-service', cs.AgentJoinedV1, 'A human agent took the case.'),
  contactAttempted: define('customer-service.contact-attempted.v1', Topics.customerService, 'customer-service', cs.ContactAttemptedV1, 'An agent tried to reach the shopper.'),
  caseDecisionRecorded: define('customer-service.decision-recorded.v1', Topics.customerService, 'customer-service', cs.CaseDecisionRecordedV1, 'An agent recorded what the shopper decided (AGENT_FOR_SHOPPER).'),
  slaBreached: define('customer-service.sla-breached.v1', Topics.customerService, 'customer-service', cs.SlaBreachedV1, 'A case missed its SLA and was escalated.'),
  caseResolved: define('customer-service.case-resolved.v1', Topics.customerService, 'customer-service', cs.CaseResolvedV1, 'The case is closed.'),
} as const;

export type EventKey = keyof typeof Events;
export type PayloadOf<K extends EventKey> = InstanceType<(typeof Events)[K]['payload']>;

export const EVENT_DEFINITIONS: readonly EventDefinition[] = Object.values(Events) as EventDefinition[];

const byType = new Map<string, EventDefinition>(EVENT_DEFINITIONS.map((d) => [d.type, d]));

export function findEventDefinition(type: string): EventDefinition | undefined {
  return byType.get(type);
}
