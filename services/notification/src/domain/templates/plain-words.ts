import { ItemRef } from './notice-facts';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** The short order reference a shopper sees in the app. */
export function orderRef(orderId: string): string {
  return orderId.replace(/-/g, '').slice(0, 8).toUpperCase();
}

/** 1250 -> "12.50": events carry no currency, the shopper's app shows it. */
export function money(cents: number): string {
  return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
}

/** "14:30 UTC on 12 Nov 2026": we do not know the shopper's time zone, so we say which one. */
export function when(date: Date): string {
  const hh = String(date.getUTCHours()).padStart(2, '0');
  const mm = String(date.getUTCMinutes()).padStart(2, '0');
  return `${hh}:${mm} UTC on ${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
}

export function itemName(item: Pick<ItemRef, 'name' | 'sku'>): string {
  return item.name?.trim() || item.sku;
}

/** "2 × Chocolate cake" */
export function quantityOf(item: ItemRef): string {
  return `${item.quantity} × ${itemName(item)}`;
}

/** "a, b and c" */
export function listInWords(parts: string[]): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
