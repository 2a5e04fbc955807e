import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { IdempotencyKeyEntity } from './idempotency-key.entity';

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
    const held = await manager.findOneByOrFail(IdempotencyKeyEntity, { shopperId, key });
    return { claimed: false, requestHash: held.requestHash, orderId: held.orderId };
  }
}
