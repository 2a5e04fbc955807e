import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

export type KeyClaim = { claimed: true } | { claimed: false; requestHash: string; orderId: string };

/** Idempotency-Key per shopper for POST /orders. */
@Injectable()
export class IdempotencyKeyRepository {
  /**
   * Claims the key for `orderId`, or says who holds it. A concurrent request with the same key
   * waits on the primary key until the first commits, then sees its row.
   */
  async claim(manager: EntityManager, shopperId: string, key: string, requestHash: string, orderId: string): Promise<KeyClaim> {
    // Plain SQL: the query builder's orIgnore() does not report whether the row went in.
    const inserted: unknown[] = await manager.query(
      `INSERT INTO order_idempotency_keys (shopper_id, key, request_hash, order_id, created_at) VALUES ($1, $2, $3, $4, now())
       ON CONFLICT DO NOTHING RETURNING order_id`,
      [shopperId, key, requestHash, orderId],
    );
    if (inserted.length) return { claimed: true };
    // A second statement, not a CTE with the insert: only a new statement's snapshot sees the row a concurrent claim just committed.
    const [held]: { request_hash: string; order_id: string }[] = await manager.query(
      `SELECT request_hash, order_id FROM order_idempotency_keys WHERE shopper_id = $1 AND key = $2`,
      [shopperId, key],
    );
    if (!held) throw new Error(`idempotency key ${key} of shopper ${shopperId} is neither claimable nor held`);
    return { claimed: false, requestHash: held.request_hash, orderId: held.order_id };
  }
}
