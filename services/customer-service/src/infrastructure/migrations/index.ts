import { CaseTables1764460800000 } from './1764460800000-case-tables.migration';

export const CUSTOMER_SERVICE_MIGRATIONS: Function[] = [CaseTables1764460800000];
