import { Injectable } from '@nestjs/common';
import { Events, ShortageStage, ShortLineDetailV1, StockAdjustmentReason } from '@askfirst/contracts';
import { OutboxTransaction } from '@askfirst/messaging';
import { Metrics } from '@askfirst/platform';
import { Reservation, ShortLine } from '../domain/reservation';
import { MAX_SUGGESTED_SUBSTITUTES, rankSubstitutes } from '../domain/substitute-ranking';
import { StockItemRepository } from '../infrastructure/stock-item.repository';

/** Candidates fetched per short line before the domain ranks them. */
const CANDIDATE_POOL = 20;

/**
 * Publishes `inventory.shortage-detected` for one order, at reservation or at picking, with
 * substitutes and the restock ETA for each short line, so both paths look the same downstream.
 */
@Injectable()
export class ShortageReporter {
  private readonly detected;

  constructor(private readonly stockItems: StockItemRepository, metrics: Metrics) {
    // Counted when staged; a transaction that rolls back and is retried counts twice.
    this.detected = metrics.counter({ name: 'inventory_shortages_detected_total', help: 'Shortage events staged, by stage', labelNames: ['stage'] });
  }

  async publish(tx: OutboxTransaction, reservation: Reservation, stage: ShortageStage, shortLines: readonly ShortLine[], reason?: StockAdjustmentReason): Promise<void> {
    // The short SKUs and every one's candidates in one statement, not one per line.
    const found = await this.stockItems.findWithSubstitutes(tx.manager, reservation.storeId, shortLines.map((l) => l.sku), CANDIDATE_POOL);
    const lines: ShortLineDetailV1[] = [];
    for (const short of shortLines) {
      const item = found.get(short.sku)?.item;
      const substitutes = item ? rankSubstitutes(item, found.get(short.sku)!.candidates, { limit: MAX_SUGGESTED_SUBSTITUTES }) : [];
      lines.push({
        lineId: short.lineId,
        sku: short.sku,
        quantityOrdered: short.quantityWanted,
        quantityReserved: short.quantityHeld,
        quantityShort: short.quantityShort,
        substitutes: substitutes.map((s) => ({ sku: s.sku, name: s.name, available: s.available, unitPriceCents: s.unitPriceCents })),
        ...(item?.restockEta ? { restockEta: item.restockEta.toISOString() } : {}),
      });
    }
    tx.publish(
      Events.inventoryShortageDetected,
      { orderId: reservation.orderId, storeId: reservation.storeId, stage, ...(reason ? { reason } : {}), lines, reservedLines: reservation.fullyHeldLines() },
      { subject: reservation.orderId },
    );
    this.detected.inc({ stage });
  }
}
