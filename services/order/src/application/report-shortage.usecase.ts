import { Injectable } from '@nestjs/common';
import { EventEnvelope, InventoryShortageDetectedV1 } from '@askfirst/contracts';
import { OutboxTransaction } from '@askfirst/messaging';
import { presetDecisions } from '../domain/shortage-policy';
import { OrderUnitOfWork } from './order-unit-of-work';

/** inventory.shortage-detected (at reservation or picking): the shopper's checkout choice applies. */
@Injectable()
export class ReportShortageUseCase {
  constructor(private readonly uow: OrderUnitOfWork) {}

  execute(tx: OutboxTransaction, envelope: EventEnvelope<InventoryShortageDetectedV1>): Promise<void> {
    const { orderId, stage, lines, reservedLines } = envelope.data;
    return this.uow.applyFact(tx, orderId, envelope, (order, now) => {
      const presets = presetDecisions(lines.map((l) => order.policyLine(l.lineId)), now);
      order.reportShortage({
        stage,
        lines: lines.map((l) => ({ lineId: l.lineId, quantityShort: l.quantityShort, substitutes: l.substitutes, restockEta: l.restockEta })),
        reservedLineIds: reservedLines.map((l) => l.lineId),
      }, presets, now);
    });
  }
}
