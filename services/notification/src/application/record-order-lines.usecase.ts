import { Injectable } from '@nestjs/common';
import { OrderPlacedV1 } from '@askfirst/contracts';
import { OutboxTransaction } from '@askfirst/messaging';
import { OrderLineRepository } from '../infrastructure/persistence/order-line.repository';

/** Remembers what the shopper calls each line, so later notices can name items events carry as SKUs. */
@Injectable()
export class RecordOrderLinesUseCase {
  constructor(private readonly lines: OrderLineRepository) {}

  async execute(tx: OutboxTransaction, order: OrderPlacedV1): Promise<void> {
    await this.lines.record(
      tx.manager,
      order.lines.map((l) => ({
        lineId: l.lineId,
        orderId: order.orderId,
        sku: l.sku,
        name: l.name,
        quantity: l.quantity,
        noAnswerMinutes: l.policy.ifNoAnswerWithinMinutes ?? order.policy.ifNoAnswerWithinMinutes ?? null,
      })),
    );
  }
}
