import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Reservation } from '../domain/reservation';
import { StockItem } from '../domain/stock-item';
import { ReservationRepository } from './reservation.repository';
import { StockItemRepository } from './stock-item.repository';

export interface LockedOrder {
  reservation: Reservation;
  stock: Map<string, StockItem>;
}

/**
 * Locks everything one order's reservation touches in the service-wide order: its stock rows (by
 * SKU), then the reservation. The SKU set of an order only changes through that order's own events,
 * which Kafka delivers one at a time, so reading it before locking is safe.
 */
@Injectable()
export class OrderStockLocker {
  constructor(private readonly reservations: ReservationRepository, private readonly stockItems: StockItemRepository) {}

  async lock(manager: EntityManager, orderId: string, extraSkus: readonly string[] = []): Promise<LockedOrder | null> {
    const peek = await this.reservations.find(manager, orderId);
    if (!peek) return null;
    const stock = await this.stockItems.lock(manager, peek.storeId, [...peek.skus, ...extraSkus]);
    const reservation = await this.reservations.relock(manager, peek);
    return reservation ? { reservation, stock } : null;
  }
}
