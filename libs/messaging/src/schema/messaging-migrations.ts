import { MessagingTables1764115200000 } from './messaging-tables.migration';
import { OutboxVacuum1764700000000 } from './outbox-vacuum.migration';

/** The outbox and inbox migrations, in order; every service lists them before its own. */
export const MESSAGING_MIGRATIONS: Function[] = [MessagingTables1764115200000, OutboxVacuum1764700000000];
