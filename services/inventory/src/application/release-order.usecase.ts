import { Injectable } from '@nestjs/common';
import { Events, OrderCancelledV1 } from '@askfirst/contracts';
import { OutboxTransaction } from '@askfirst/messaging';
import { BackorderRepository } from '../infrastructure/backorder.repository';
import { OrderStockLocker } from '../infrastructure/order-stock.locker';
import { ReservationRepository } from '../infrastructure/reservation.repository';
import { StockItemRepository } from '../infrastructure/stock-item.repository';
import { BackorderFiller } from './backorder-filler.service';

/** order.cancelled: every held unit goes back on the shelf, and to waiting back-orders first. */
@Injectable()
export class ReleaseOrderUseCase {
  constructor(
    private readonly locker: OrderStockLocker,
    private readonly reservations: ReservationRepository,
    private readonly stockItems: StockItemRepository,
    private readonly backorders: BackorderRepository,
    private readonly filler: BackorderFiller,
  ) {}

  async execute(tx: OutboxTransaction, cancelled: OrderCancelledV1): Promise<void> {
    const locked = await this.locker.lock(tx.manager, cancelled.orderId);
    // Nothing was ever held (the order never reached us) or it is already released/committed.
    if (!locked || !locked.reservation.isHeld) return;
    const { reservation, stock } = locked;

    const released = reservation.release();
    for (const line of released) stock.get(line.sku)!.release(line.quantity);
    await this.reservations.save(tx.manager, reservation);
    await this.backorders.cancelWaiting(tx.manager, reservation.orderId);
    await this.filler.fillAll(tx, stock.values());
    await this.stockItems.saveCounts(tx.manager, stock.values());
    tx.publish(Events.inventoryReleased, { orderId: reservation.orderId, storeId: reservation.storeId, lines: released }, { subject: reservation.orderId });
  }
}
