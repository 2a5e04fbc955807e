import { OrderTables1764300000000 } from './1764300000000-order-tables';

export const ORDER_MIGRATIONS: Function[] = [OrderTables1764300000000];
