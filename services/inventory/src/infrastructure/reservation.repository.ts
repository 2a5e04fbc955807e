import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { HoldOnSku } from '../domain/picking-shortfall';
import { Reservation, ReservationStatus } from '../domain/reservation';
import { ReservationLineEntity } from './reservation-line.entity';
import { ReservationEntity } from './reservation.entity';

/** Reservations with their lines. Lock a reservation only after the stock rows it touches. */
@Injectable()
export class ReservationRepository {
  async find(manager: EntityManager, orderId: string): Promise<Reservation | null> {
    const row = await manager.findOneBy(ReservationEntity, { orderId });
    return row ? this.withLines(manager, [row]).then((m) => m.get(orderId)!) : null;
  }

  async lock(manager: EntityManager, orderId: string): Promise<Reservation | null> {
    return (await this.lockMany(manager, [orderId])).get(orderId) ?? null;
  }

  /** Locked in order-id order, so two transactions touching the same orders never deadlock. */
  async lockMany(manager: EntityManager, orderIds: readonly string[]): Promise<Map<string, Reservation>> {
    const unique = [...new Set(orderIds)].sort();
    if (!unique.length) return new Map();
    const rows = await manager
      .createQueryBuilder(ReservationEntity, 'r')
      .setLock('pessimistic_write')
      .where('r.orderId IN (:...ids)', { ids: unique })
      .orderBy('r.orderId', 'ASC')
      .getMany();
    return this.withLines(manager, rows);
  }

  /** False when the order already has a reservation (a redelivered or re-published order.placed). */
  async insertIfAbsent(manager: EntityManager, reservation: Reservation): Promise<boolean> {
    const inserted: unknown[] = await manager.query(
      `INSERT INTO reservations (order_id, store_id, shopper_id, status) VALUES ($1, $2, $3, $4)
       ON CONFLICT (order_id) DO NOTHING RETURNING seq`,
      [reservation.orderId, reservation.storeId, reservation.shopperId, reservation.status],
    );
    if (!inserted.length) return false;
    await this.saveLines(manager, reservation);
    return true;
  }

  async save(manager: EntityManager, reservation: Reservation): Promise<void> {
    await manager.update(ReservationEntity, { orderId: reservation.orderId }, { status: reservation.status, updatedAt: () => 'now()' });
    await this.saveLines(manager, reservation);
  }

  /** Who holds units of a SKU in a store right now; stable while the caller holds that SKU's stock lock. */
  async holdsOn(manager: EntityManager, storeId: string, sku: string): Promise<HoldOnSku[]> {
    const rows: { order_id: string; seq: string; held: string; packed: string }[] = await manager.query(
      `SELECT r.order_id, r.seq, sum(l.quantity_held) AS held, sum(l.quantity_packed) AS packed
         FROM reservation_lines l JOIN reservations r ON r.order_id = l.order_id
        WHERE r.store_id = $1 AND l.sku = $2 AND r.status = $3 AND l.quantity_held > 0
        GROUP BY r.order_id, r.seq`,
      [storeId, sku, ReservationStatus.HELD],
    );
    return rows.map((r) => ({ orderId: r.order_id, seq: Number(r.seq), held: Number(r.held), packed: Number(r.packed) }));
  }

  private async saveLines(manager: EntityManager, reservation: Reservation): Promise<void> {
    const rows = reservation.lines.map((l, position) => ({ orderId: reservation.orderId, position, ...l }));
    if (rows.length) await manager.upsert(ReservationLineEntity, rows, ['orderId', 'lineId', 'sku']);
  }

  private async withLines(manager: EntityManager, rows: ReservationEntity[]): Promise<Map<string, Reservation>> {
    if (!rows.length) return new Map();
    const lines = await manager.find(ReservationLineEntity, { where: { orderId: In(rows.map((r) => r.orderId)) }, order: { position: 'ASC' } });
    return new Map(
      rows.map((row) => [
        row.orderId,
        Reservation.restore({
          orderId: row.orderId,
          storeId: row.storeId,
          shopperId: row.shopperId,
          status: row.status,
          seq: row.seq,
          lines: lines
            .filter((l) => l.orderId === row.orderId)
            .map((l) => ({
              lineId: l.lineId,
              sku: l.sku,
              substituteFor: l.substituteFor,
              quantityWanted: l.quantityWanted,
              quantityHeld: l.quantityHeld,
              quantityPacked: l.quantityPacked,
              quantityCommitted: l.quantityCommitted,
            })),
        }),
      ]),
    );
  }
}
