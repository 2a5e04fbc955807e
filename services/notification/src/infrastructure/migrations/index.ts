export const NOTIFICATION_MIGRATIONS: Function[] = [];
