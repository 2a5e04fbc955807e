export const CUSTOMER_SERVICE_MIGRATIONS: Function[] = [];
