export const INVENTORY_MIGRATIONS: Function[] = [];
