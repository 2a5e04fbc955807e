import type { ServiceName } from '@askfirst/testing';
import { CAKE, STORE, type SeededShopper } from './security-system';
import type { Operation } from '../invalid-requests';

/**
 * The only routes that take no token. Anything else in a document must declare bearer security and
 * its roles (x-roles). /metrics, /docs and the agent console shell are public too but are not in the
 * documents (ApiExcludeController / Swagger's own routes); the suite checks them by URL.
 */
export const PUBLIC_ROUTES: Record<ServiceName, string[]> = {
  order: ['GET /health/live', 'GET /health/ready'],
  inventory: ['GET /health/live', 'GET /health/ready'],
  // Decision links: the signed, expiring, single-use token in the path is the credential.
  notification: ['GET /health/live', 'GET /health/ready', 'GET /d/{token}', 'POST /d/{token}'],
  'customer-service': ['GET /health/live', 'GET /health/ready'],
};

/** Public URLs outside the documents: served without a token, and holding no shopper data. */
export const UNDOCUMENTED_PUBLIC_URLS: Record<ServiceName, string[]> = {
  order: ['/metrics', '/docs/json'],
  inventory: ['/metrics', '/docs/json'],
  notification: ['/metrics', '/docs/json'],
  'customer-service': ['/metrics', '/docs/json', '/console'],
};

/**
 * Fills a path template with shopper A's real objects, so a request that slipped through would
 * change something real (and the database fingerprints would show it). An unknown parameter fails
 * loudly: a new route needs its target named here, once.
 */
export function pathFiller(service: ServiceName, a: SeededShopper): (op: Operation, path: string) => string {
  const byService: Record<ServiceName, (op: Operation, param: string) => string | undefined> = {
    order: (op, param) => (param === 'id' ? (op.path.endsWith('/decision') || op.path === '/orders/{id}' ? a.waitingOrderId : a.confirmedOrderId) : undefined),
    inventory: (_op, param) => ({ storeId: STORE, sku: CAKE.sku, orderId: a.waitingOrderId })[param],
    notification: (_op, param) => ({ shopperId: a.shopperId, orderId: a.waitingOrderId, id: a.decisionNoticeId, token: a.decisionToken })[param],
    'customer-service': (op, param) => (param === 'id' ? (op.path.endsWith('/resolve') ? a.askedCaseId : a.shortageCaseId) : undefined),
  };
  return (op, path) =>
    path.replace(/\{(\w+)\}/g, (_m, param: string) => {
      const value = byService[service](op, param);
      if (value === undefined) throw new Error(`${service} ${op.method} ${op.path}: no seeded object for path parameter {${param}}; name one in tests/security/support/openapi-routes.ts`);
      return encodeURIComponent(value);
    });
}

/** Valid bodies the schema alone cannot produce (fields required only with some values of another). */
export function knownValidBody(service: ServiceName, op: Operation): Record<string, unknown> | undefined {
  const key = `${service} ${op.method} ${op.path}`;
  const bodies: Record<string, Record<string, unknown>> = {
    'order POST /orders': {
      storeId: STORE,
      onShortage: { choice: 'CONTACT_ME', ifNoAnswerWithin: 15, thenFallback: 'REFUND_ITEM_SHIP_REST' },
      lines: [{ sku: CAKE.sku, name: CAKE.name, quantity: 1, unitPriceCents: CAKE.unitPriceCents }],
    },
    'order POST /orders/{id}/decision': { resolution: 'REFUND_ITEM_SHIP_REST' },
    'inventory POST /stores/{storeId}/skus/{sku}/adjustments': { reason: 'MISSING', quantity: 1 },
    'inventory PUT /stores/{storeId}/skus/{sku}': { name: CAKE.name, category: 'cakes', unitPriceCents: CAKE.unitPriceCents },
    'customer-service POST /cases/{id}/decision': { resolution: 'REFUND_ITEM_SHIP_REST' },
  };
  return bodies[key];
}
