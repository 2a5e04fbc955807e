import { NotificationTables1764201600000 } from './1764201600000-notification-tables';

export const NOTIFICATION_MIGRATIONS: Function[] = [NotificationTables1764201600000];
