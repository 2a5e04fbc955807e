import { Injectable } from '@nestjs/common';
import { OrderLineBackorderedV1 } from '@askfirst/contracts';
import { OutboxTransaction, UnprocessableEventError } from '@askfirst/messaging';
import { BackorderRepository } from '../infrastructure/backorder.repository';
import { OrderStockLocker } from '../infrastructure/order-stock.locker';
import { StockItemRepository } from '../infrastructure/stock-item.repository';
import { BackorderFiller } from './backorder-filler.service';

/**
 * order.line-backordered: the short part of a line joins the SKU's queue, in order of arrival. If
 * units are free already (a cancel since the shortage), the queue is served at once.
 */
@Injectable()
export class QueueBackorderUseCase {
  constructor(
    private readonly locker: OrderStockLocker,
    private readonly stockItems: StockItemRepository,
    private readonly backorders: BackorderRepository,
    private readonly filler: BackorderFiller,
  ) {}

  async execute(tx: OutboxTransaction, event: OrderLineBackorderedV1): Promise<void> {
    const locked = await this.locker.lock(tx.manager, event.orderId, [event.sku]);
    if (!locked) throw new UnprocessableEventError(`order ${event.orderId} has no reservation to back-order a line of`);
    const { reservation, stock } = locked;
    if (!reservation.isHeld) return;
    if (!reservation.hasLine(event.lineId, event.sku)) {
      throw new UnprocessableEventError(`order ${event.orderId} has no line ${event.lineId} for ${event.sku}`);
    }
    const quantity = Math.min(event.quantity, reservation.outstandingOf(event.lineId, event.sku));
    if (quantity <= 0) return;

    await this.backorders.add(tx.manager, { orderId: reservation.orderId, lineId: event.lineId, storeId: reservation.storeId, sku: event.sku, quantity });
    const item = stock.get(event.sku);
    if (!item) return; // not stocked yet: the first PUT with on-hand or restock serves the queue
    await this.filler.fill(tx, item);
    await this.stockItems.saveCounts(tx.manager, [item]);
  }
}
