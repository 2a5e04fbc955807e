import { Injectable } from '@nestjs/common';
import { EventEnvelope } from '@askfirst/contracts';
import { OutboxTransaction } from '@askfirst/messaging';
import { OrderProjectionRepository } from '../infrastructure/order-projection.repository';
import { TimelineRepository } from '../infrastructure/timeline.repository';
import { OrderSnapshot } from './order-projection.model';
import { applyOrderEvent, foldsIntoProjection } from './order-projection.reducer';
import { timelineEntryOf } from './timeline-entry.factory';

type OrderEvent = EventEnvelope<{ orderId: string; shopperId: string }>;

/** Folds an order or notification event into the order projection and its timeline (same transaction as the inbox). */
@Injectable()
export class RecordOrderEventUseCase {
  constructor(
    private readonly orders: OrderProjectionRepository,
    private readonly timeline: TimelineRepository,
  ) {}

  async execute(tx: OutboxTransaction, envelope: OrderEvent): Promise<void> {
    if (foldsIntoProjection(envelope.type)) {
      await this.fold(tx, envelope);
      return;
    }
    // Nothing to read-modify-write: one statement creates the row if new and appends the timeline entry
    // (it waits only while another transaction is writing this order's row).
    const { orderId, shopperId } = envelope.data;
    await this.orders.ensureWithEntry(tx.manager, orderId, shopperId, timelineEntryOf(envelope, orderId));
  }

  /** Read-modify-write under the order row's lock (two statements); returns the order as this event left it. */
  async fold(tx: OutboxTransaction, envelope: OrderEvent): Promise<OrderSnapshot> {
    const { orderId, shopperId } = envelope.data;
    const entry = timelineEntryOf(envelope, orderId);
    const order = await this.orders.lockOrCreate(tx.manager, orderId, shopperId);
    const next = applyOrderEvent(order, envelope);
    if (next === order) await this.timeline.record(tx.manager, entry);
    else await this.orders.saveWithEntry(tx.manager, next, entry);
    return next;
  }
}
