import { Injectable } from '@nestjs/common';
import { Events, OrderLineRefundApprovedV1 } from '@askfirst/contracts';
import { OutboxTransaction } from '@askfirst/messaging';
import { BackorderRepository } from '../infrastructure/backorder.repository';
import { OrderStockLocker } from '../infrastructure/order-stock.locker';
import { ReservationRepository } from '../infrastructure/reservation.repository';
import { StockItemRepository } from '../infrastructure/stock-item.repository';
import { BackorderFiller } from './backorder-filler.service';

/**
 * order.line-refund-approved: the refunded units are no longer wanted; units still held beyond
 * what the line wants go back on the shelf (usually none: the refund covers the short part).
 */
@Injectable()
export class ReleaseRefundedLineUseCase {
  constructor(
    private readonly locker: OrderStockLocker,
    private readonly reservations: ReservationRepository,
    private readonly stockItems: StockItemRepository,
    private readonly backorders: BackorderRepository,
    private readonly filler: BackorderFiller,
  ) {}

  async execute(tx: OutboxTransaction, refund: OrderLineRefundApprovedV1): Promise<void> {
    const locked = await this.locker.lock(tx.manager, refund.orderId);
    if (!locked || !locked.reservation.isHeld || !locked.reservation.hasLine(refund.lineId, refund.sku)) return;
    const { reservation, stock } = locked;

    const released = reservation.approveRefund(refund.lineId, refund.sku, refund.quantity);
    await this.reservations.save(tx.manager, reservation);
    if (reservation.outstandingOf(refund.lineId, refund.sku) === 0) {
      await this.backorders.cancelWaiting(tx.manager, reservation.orderId, { lineId: refund.lineId, sku: refund.sku });
    }
    if (released === 0) return;
    const item = stock.get(refund.sku)!;
    item.release(released);
    await this.filler.fill(tx, item);
    await this.stockItems.saveCounts(tx.manager, [item]);
    tx.publish(
      Events.inventoryReleased,
      { orderId: reservation.orderId, storeId: reservation.storeId, lines: [{ lineId: refund.lineId, sku: refund.sku, quantity: released }] },
      { subject: reservation.orderId },
    );
  }
}
