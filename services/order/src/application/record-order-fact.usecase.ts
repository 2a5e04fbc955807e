import { Injectable } from '@nestjs/common';
import { EventEnvelope } from '@askfirst/contracts';
import { OutboxTransaction } from '@askfirst/messaging';
import { isUUID } from 'class-validator';
import { OrderUnitOfWork } from './order-unit-of-work';

/**
 * Facts about an order that change nothing here but belong to its story: failed notices, cases,
 * agents joining, contact attempts, SLA breaches, stock released or committed.
 */
@Injectable()
export class RecordOrderFactUseCase {
  constructor(private readonly uow: OrderUnitOfWork) {}

  async execute(tx: OutboxTransaction, envelope: EventEnvelope<{ orderId: string }>): Promise<void> {
    const { orderId } = envelope.data;
    if (!isUUID(orderId) || !(await this.uow.find(tx, orderId))) return;
    await this.uow.recordConsumed(tx, orderId, envelope);
  }
}
