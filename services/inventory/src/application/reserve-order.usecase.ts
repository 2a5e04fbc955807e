import { Injectable } from '@nestjs/common';
import { Events, OrderPlacedV1, ShortageStage } from '@askfirst/contracts';
import { OutboxTransaction, UnprocessableEventError } from '@askfirst/messaging';
import { allocateOrderLines, isFullyHeld } from '../domain/order-allocation';
import { Reservation } from '../domain/reservation';
import { ReservationRepository } from '../infrastructure/reservation.repository';
import { StockItemRepository } from '../infrastructure/stock-item.repository';
import { ShortageReporter } from './shortage-reporter.service';

/**
 * order.placed: holds every line in one transaction with the order's stock rows locked, so no
 * concurrency can oversell (I3); answers inventory.reserved or a RESERVATION shortage.
 */
@Injectable()
export class ReserveOrderUseCase {
  constructor(
    private readonly stockItems: StockItemRepository,
    private readonly reservations: ReservationRepository,
    private readonly shortages: ShortageReporter,
  ) {}

  async execute(tx: OutboxTransaction, order: OrderPlacedV1): Promise<void> {
    const keys = new Set(order.lines.map((l) => `${l.lineId}/${l.sku}`));
    if (keys.size !== order.lines.length) throw new UnprocessableEventError(`order ${order.orderId} repeats a line id for the same SKU`);
    // A re-published order.placed (new event id) must not reserve twice: nothing is locked when the
    // order has a reservation already, and insertIfAbsent refuses it (also against a concurrent twin).
    const stock = await this.stockItems.lockForNewReservation(tx.manager, order.storeId, order.lines.map((l) => l.sku), order.orderId);
    const allocations = allocateOrderLines(order.lines.map((l) => ({ lineId: l.lineId, sku: l.sku, quantity: l.quantity })), stock);
    const reservation = Reservation.open(order.orderId, order.storeId, order.shopperId, allocations);
    if (!(await this.reservations.insertIfAbsent(tx.manager, reservation))) return;
    await this.stockItems.saveCounts(tx.manager, stock.values());

    if (isFullyHeld(allocations)) {
      tx.publish(Events.inventoryReserved, { orderId: order.orderId, storeId: order.storeId, lines: reservation.fullyHeldLines() }, { subject: order.orderId });
    } else {
      await this.shortages.publish(tx, reservation, ShortageStage.RESERVATION, reservation.shortLines());
    }
  }
}
