import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { Backorder, BackorderStatus } from '../domain/backorder';
import { BackorderEntity } from './backorder.entity';

export interface NewBackorder {
  orderId: string;
  lineId: string;
  storeId: string;
  sku: string;
  quantity: number;
}

@Injectable()
export class BackorderRepository {
  async add(manager: EntityManager, backorder: NewBackorder): Promise<void> {
    await manager.insert(BackorderEntity, { id: randomUUID(), ...backorder, quantityFilled: 0, status: BackorderStatus.WAITING, closedAt: null });
  }

  /** Waiting back-orders of a SKU in order of arrival, locked for filling. */
  async lockWaiting(manager: EntityManager, storeId: string, sku: string): Promise<Backorder[]> {
    const rows = await manager
      .createQueryBuilder(BackorderEntity, 'b')
      .setLock('pessimistic_write')
      .where('b.storeId = :storeId AND b.sku = :sku AND b.status = :status', { storeId, sku, status: BackorderStatus.WAITING })
      .orderBy('b.seq', 'ASC')
      .getMany();
    return rows.map(toDomain);
  }

  async listForOrder(manager: EntityManager, orderId: string): Promise<Backorder[]> {
    const rows = await manager.find(BackorderEntity, { where: { orderId }, order: { seq: 'ASC' } });
    return rows.map(toDomain);
  }

  async save(manager: EntityManager, backorder: Backorder): Promise<void> {
    const closed = backorder.status !== BackorderStatus.WAITING;
    await manager.update(BackorderEntity, { id: backorder.id }, {
      quantityFilled: backorder.quantityFilled,
      status: backorder.status,
      closedAt: closed ? () => 'now()' : null,
    });
  }

  /** The order no longer waits (cancelled, dispatched, or the line was refunded). */
  async cancelWaiting(manager: EntityManager, orderId: string, only?: { lineId: string; sku: string }): Promise<void> {
    await manager.update(
      BackorderEntity,
      { orderId, status: BackorderStatus.WAITING, ...(only ?? {}) },
      { status: BackorderStatus.CANCELLED, closedAt: () => 'now()' },
    );
  }
}

function toDomain(row: BackorderEntity): Backorder {
  return {
    id: row.id,
    seq: row.seq,
    orderId: row.orderId,
    lineId: row.lineId,
    storeId: row.storeId,
    sku: row.sku,
    quantity: row.quantity,
    quantityFilled: row.quantityFilled,
    status: row.status,
    queuedAt: row.queuedAt,
  };
}
