import { Injectable } from '@nestjs/common';
import { EventEnvelope, InventoryReservedV1 } from '@askfirst/contracts';
import { OutboxTransaction } from '@askfirst/messaging';
import { OrderUnitOfWork } from './order-unit-of-work';

/** inventory.reserved: every line is held, the order is confirmed. */
@Injectable()
export class ConfirmReservationUseCase {
  constructor(private readonly uow: OrderUnitOfWork) {}

  execute(tx: OutboxTransaction, envelope: EventEnvelope<InventoryReservedV1>): Promise<void> {
    return this.uow.applyFact(tx, envelope.data.orderId, envelope, (order, now) => order.confirmReservation(now));
  }
}
