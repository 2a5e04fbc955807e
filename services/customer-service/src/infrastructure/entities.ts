export const CUSTOMER_SERVICE_ENTITIES: Function[] = [];
