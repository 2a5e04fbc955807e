export const INVENTORY_ENTITIES: Function[] = [];
