import { Injectable } from '@nestjs/common';
import { Events, OrderProgressV1 } from '@askfirst/contracts';
import { OutboxTransaction, UnprocessableEventError } from '@askfirst/messaging';
import { ReservationStatus } from '../domain/reservation';
import { BackorderRepository } from '../infrastructure/backorder.repository';
import { OrderStockLocker } from '../infrastructure/order-stock.locker';
import { ReservationRepository } from '../infrastructure/reservation.repository';
import { StockItemRepository } from '../infrastructure/stock-item.repository';

/** order.dispatched: held units leave the store (on-hand and reserved both drop). */
@Injectable()
export class CommitOrderUseCase {
  constructor(
    private readonly locker: OrderStockLocker,
    private readonly reservations: ReservationRepository,
    private readonly stockItems: StockItemRepository,
    private readonly backorders: BackorderRepository,
  ) {}

  async execute(tx: OutboxTransaction, dispatched: OrderProgressV1): Promise<void> {
    const locked = await this.locker.lock(tx.manager, dispatched.orderId);
    // Kafka keeps one order's events in order, so a dispatch we cannot match will never match.
    if (!locked) throw new UnprocessableEventError(`order ${dispatched.orderId} was dispatched but inventory never reserved it`);
    const { reservation, stock } = locked;
    if (reservation.status === ReservationStatus.COMMITTED) return;
    if (reservation.status === ReservationStatus.RELEASED) {
      throw new UnprocessableEventError(`order ${dispatched.orderId} was dispatched after its reservation was released`);
    }

    const committed = reservation.commit();
    for (const line of committed) stock.get(line.sku)!.commit(line.quantity);
    await this.reservations.save(tx.manager, reservation);
    // The order service refuses dispatch while a line is back-ordered (ADR 0014), so nothing should be
    // waiting; a back-order that still were could never be filled once the reservation is committed.
    await this.backorders.cancelWaiting(tx.manager, reservation.orderId);
    await this.stockItems.saveCounts(tx.manager, stock.values());
    tx.publish(Events.inventoryCommitted, { orderId: reservation.orderId, storeId: reservation.storeId, lines: committed }, { subject: reservation.orderId });
  }
}
