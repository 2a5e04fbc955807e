import { OrderTables1764300000000 } from './1764300000000-order-tables';
import { LineDeadlinesAndFallbackReasons1764400000000 } from './1764400000000-line-deadlines-and-fallback-reasons';
import { PartlyRefundedLineStates1764500000000 } from './1764500000000-partly-refunded-line-states';
import { OrdersBeingReservedIndex1764600000000 } from './1764600000000-orders-being-reserved-index';

export const ORDER_MIGRATIONS: Function[] = [OrderTables1764300000000, LineDeadlinesAndFallbackReasons1764400000000, PartlyRefundedLineStates1764500000000, OrdersBeingReservedIndex1764600000000];
