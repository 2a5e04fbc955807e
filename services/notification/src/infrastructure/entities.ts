export const NOTIFICATION_ENTITIES: Function[] = [];
