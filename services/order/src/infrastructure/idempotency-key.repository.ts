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
    const result = await manager.createQueryBuilder().insert().into(IdempotencyKeyEntity)
      .values({ shopperId, key, requestHash, orderId, createdAt: new Date() })
      .orIgnore().returning(['order_id']).execute();
    if (result.raw.length) return { claimed: true };
    const held = await manager.findOneByOrFail(IdempotencyKeyEntity, { shopperId, key });
    return { claimed: false, requestHash: held.requestHash, orderId: held.orderId };
  }
}
