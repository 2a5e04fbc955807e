import { randomBytes } from 'node:crypto';
import { testTokens, waitFor } from '@askfirst/testing';
import { ApiClient } from './http-client';

/** The cast and props of the disappearing-cake story, driven only through the services' public APIs. */
export const STORE = 'store-cake-1';
export const CAKE = { sku: 'CAKE-CREAM', name: 'Cream cake', category: 'cakes', unitPriceCents: 1299 };
export const SUBSTITUTE_CAKE = { sku: 'CAKE-CHOCOLATE', name: 'Chocolate cake', category: 'cakes', unitPriceCents: 1399 };
export const SNACKS = { sku: 'SNACK-CHIPS', name: 'Salted chips', category: 'snacks', unitPriceCents: 199 };

export interface Item {
  sku: string;
  name: string;
  category: string;
  unitPriceCents: number;
}

export interface Urls {
  order: string;
  inventory: string;
  notification: string;
  customerService: string;
}

export type OnShortage =
  | { choice: 'REFUND_ITEM_SHIP_REST' | 'CANCEL_ORDER' }
  | { choice: 'SUBSTITUTE'; substituteSku?: string; thenFallback?: string }
  | { choice: 'CONTACT_ME'; ifNoAnswerWithin: number; thenFallback: 'REFUND_ITEM_SHIP_REST' | 'CANCEL_ORDER' | 'KEEP_HOLDING' };

export class CakeStory {
  constructor(readonly urls: Urls) {}

  async staff(): Promise<ApiClient> {
    return new ApiClient(this.urls.inventory, await testTokens.agent('stock-clerk'));
  }

  /** The store's shelf: no cream cake yet (each order restocks one), chocolate cakes and chips. */
  async stockTheStore(): Promise<void> {
    for (const [item, onHand] of [[CAKE, 0], [SUBSTITUTE_CAKE, 50], [SNACKS, 10_000]] as const) await this.shelve(item, onHand);
  }

  /** Puts an item on the store's shelf with `onHand` units (an item already there is left as it is). */
  async shelve(item: Item, onHand: number): Promise<void> {
    const res = await (await this.staff()).put(`/stores/${STORE}/skus/${item.sku}`, { name: item.name, category: item.category, unitPriceCents: item.unitPriceCents, onHand });
    if (res.status >= 300 && res.status !== 409) throw new Error(`stocking ${item.sku}: ${res.status} ${JSON.stringify(res.body)}`);
  }

  /** An item of its own for one test, so no other order touches its stock. */
  async newItemOnShelf(name: string, unitPriceCents: number, onHand: number): Promise<Item> {
    const item = { sku: `${name.toUpperCase().replace(/[^A-Z0-9]+/g, '-')}-${randomBytes(3).toString('hex').toUpperCase()}`, name, category: 'one-test-only', unitPriceCents };
    await this.shelve(item, onHand);
    return item;
  }

  /** The shopper checks out `quantity` of each item; returns the new order as the order service answered. */
  async placeOrder(orders: ApiClient, onShortage: OnShortage, lines: [Item, number][]): Promise<any> {
    const placed = await orders.post('/orders', {
      storeId: STORE,
      onShortage,
      lines: lines.map(([item, quantity]) => ({ sku: item.sku, name: item.name, quantity, unitPriceCents: item.unitPriceCents })),
    });
    if (placed.status !== 201) throw new Error(`place order: ${placed.status} ${JSON.stringify(placed.body)}`);
    return placed.body;
  }

  newShopperId(label: string): string {
    return `${label}-${randomBytes(3).toString('hex')}`;
  }

  async shopper(shopperId: string): Promise<{ orders: ApiClient; notices: ApiClient; cases: ApiClient; email: string }> {
    const token = await testTokens.shopper(shopperId);
    const email = `${shopperId}@shoppers.example`;
    const notices = new ApiClient(this.urls.notification, token);
    const set = await notices.put(`/shoppers/${shopperId}/channels`, { email });
    if (set.status !== 200) throw new Error(`channels: ${set.status} ${JSON.stringify(set.body)}`);
    return { orders: new ApiClient(this.urls.order, token), notices, cases: new ApiClient(this.urls.customerService, token), email };
  }

  /** A cake and two bags of chips, confirmed and being picked — then the picker finds no cake. */
  async cakeGoesMissingAtPicking(shopperId: string, onShortage: OnShortage): Promise<{ orderId: string; cakeLineId: string; snackLineId: string }> {
    const inventory = await this.staff();
    const restock = await inventory.post(`/stores/${STORE}/skus/${CAKE.sku}/restock`, { quantity: 1 });
    if (restock.status >= 300) throw new Error(`restock: ${restock.status} ${JSON.stringify(restock.body)}`);
    const { orders } = await this.shopper(shopperId);
    const placed = await this.placeOrder(orders, onShortage, [[CAKE, 1], [SNACKS, 2]]);
    const orderId: string = placed.id;
    await this.waitForOrder(orders, orderId, (o) => o.state === 'CONFIRMED', 'order confirmed');
    const picker = new ApiClient(this.urls.order, await testTokens.service('picker-app'));
    const picking = await picker.post(`/orders/${orderId}/picking-started`);
    if (picking.status >= 300) throw new Error(`picking-started: ${picking.status} ${JSON.stringify(picking.body)}`);
    const missing = await inventory.post(`/stores/${STORE}/skus/${CAKE.sku}/adjustments`, { reason: 'MISSING', quantity: 1, orderId });
    if (missing.status >= 300) throw new Error(`adjustment: ${missing.status} ${JSON.stringify(missing.body)}`);
    const lines: { id: string; sku: string }[] = placed.lines;
    return { orderId, cakeLineId: lines.find((l) => l.sku === CAKE.sku)!.id, snackLineId: lines.find((l) => l.sku === SNACKS.sku)!.id };
  }

  async waitForOrder(orders: ApiClient, orderId: string, done: (order: any) => boolean, what: string, timeoutMs = 30_000): Promise<any> {
    let last: any;
    try {
      return await waitFor(async () => {
        const res = await orders.get(`/orders/${orderId}`);
        last = res.body;
        return res.status === 200 && done(res.body) && res.body;
      }, { what, timeoutMs, intervalMs: 100 });
    } catch (error) {
      throw new Error(`${(error as Error).message}; last seen: ${JSON.stringify({ state: last?.state, lines: last?.lines?.map((l: any) => [l.sku, l.state]), refunds: last?.refunds?.map((r: any) => r.status) })}`);
    }
  }
}

/** The order's timeline entry for an event type, optionally the one whose payload names `about` (a refund id). */
export function timelineEntry(order: any, eventType: string, about?: string): any {
  return order.timeline.find((t: any) => t.eventType === eventType && (about === undefined || JSON.stringify(t.data ?? {}).includes(about)));
}

/** One line per timeline entry, as a person would read it. */
export function formatTimeline(order: any): string {
  const lines = [`order ${order.id} — ${order.state}`];
  for (const entry of order.timeline ?? []) lines.push(`  ${entry.at.slice(11, 23)}  ${String(entry.kind).padEnd(9)} ${entry.summary}`);
  return lines.join('\n');
}
