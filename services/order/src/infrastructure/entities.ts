import { IdempotencyKeyEntity } from './idempotency-key.entity';
import { OrderDecisionEntity } from './order-decision.entity';
import { OrderLineEntity } from './order-line.entity';
import { OrderRefundEntity } from './order-refund.entity';
import { OrderEntity } from './order.entity';
import { TimelineEntryEntity } from './timeline-entry.entity';

export const ORDER_ENTITIES: Function[] = [OrderEntity, OrderLineEntity, OrderDecisionEntity, OrderRefundEntity, TimelineEntryEntity, IdempotencyKeyEntity];
