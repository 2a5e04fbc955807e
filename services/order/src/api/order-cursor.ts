import { isUUID } from 'class-validator';
import { OrderPageCursor } from '../application/order-view';
import { InvalidOrderRequestException } from './order.exceptions';

/** Opaque keyset cursor for GET /orders: base64url of "<placedAt ISO>|<order id>". */
export function encodeCursor(cursor: OrderPageCursor): string {
  return Buffer.from(`${cursor.placedAt.toISOString()}|${cursor.id}`).toString('base64url');
}

export function decodeCursor(raw: string): OrderPageCursor {
  const [at, id] = Buffer.from(raw, 'base64url').toString('utf8').split('|');
  const placedAt = new Date(at);
  if (!id || !isUUID(id) || Number.isNaN(placedAt.getTime())) throw new InvalidOrderRequestException('cursor is not one this endpoint returned');
  return { placedAt, id };
}
