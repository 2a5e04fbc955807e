import { Injectable } from '@nestjs/common';
import { OrderProgressV1 } from '@askfirst/contracts';
import { OutboxTransaction, UnprocessableEventError } from '@askfirst/messaging';
import { OrderStockLocker } from '../infrastructure/order-stock.locker';
import { ReservationRepository } from '../infrastructure/reservation.repository';

/**
 * order.ready: the held units are packed for the courier. A later count of the shelf cannot see
 * them, so it must not take them (the order service still routes any shortage that does reach a
 * packed order to the shopper's choice).
 */
@Injectable()
export class PackOrderUseCase {
  constructor(private readonly locker: OrderStockLocker, private readonly reservations: ReservationRepository) {}

  async execute(tx: OutboxTransaction, ready: OrderProgressV1): Promise<void> {
    // The stock rows are locked too: an adjustment reads who holds a SKU under that lock.
    const locked = await this.locker.lock(tx.manager, ready.orderId);
    if (!locked) throw new UnprocessableEventError(`order ${ready.orderId} is ready but inventory never reserved it`);
    locked.reservation.markPacked();
    await this.reservations.save(tx.manager, locked.reservation);
  }
}
