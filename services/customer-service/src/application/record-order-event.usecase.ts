import { Injectable } from '@nestjs/common';
import { EventEnvelope } from '@askfirst/contracts';
import { OutboxTransaction } from '@askfirst/messaging';
import { OrderProjectionRepository } from '../infrastructure/order-projection.repository';
import { applyOrderEvent } from './order-projection.reducer';
import { TimelineProjector } from './timeline.projector';

/** Folds an order or notification event into the order projection and its timeline (same transaction as the inbox). */
@Injectable()
export class RecordOrderEventUseCase {
  constructor(
    private readonly orders: OrderProjectionRepository,
    private readonly timeline: TimelineProjector,
  ) {}

  async execute(tx: OutboxTransaction, envelope: EventEnvelope<{ orderId: string; shopperId: string }>): Promise<void> {
    const { orderId, shopperId } = envelope.data;
    const order = await this.orders.lockOrCreate(tx.manager, orderId, shopperId);
    const next = applyOrderEvent(order, envelope);
    if (next !== order) await this.orders.save(tx.manager, next);
    await this.timeline.record(tx.manager, envelope);
  }
}
