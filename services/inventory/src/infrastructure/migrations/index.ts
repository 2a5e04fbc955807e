import { InventorySchema1764201600000 } from './1764201600000-inventory-schema.migration';
import { PackedHolds1764400000000 } from './1764400000000-packed-holds.migration';

export const INVENTORY_MIGRATIONS: Function[] = [InventorySchema1764201600000, PackedHolds1764400000000];
