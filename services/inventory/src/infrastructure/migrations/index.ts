import { InventorySchema1764201600000 } from './1764201600000-inventory-schema.migration';

export const INVENTORY_MIGRATIONS: Function[] = [InventorySchema1764201600000];
