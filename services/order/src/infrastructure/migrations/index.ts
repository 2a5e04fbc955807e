export const ORDER_MIGRATIONS: Function[] = [];
