import { Injectable } from '@nestjs/common';
import { Events, StockAdjustmentReason } from '@askfirst/contracts';
import { TransactionalOutbox } from '@askfirst/messaging';
import { StockItem } from '../domain/stock-item';
import { StockAdjustmentRepository } from '../infrastructure/stock-adjustment.repository';
import { StockItemRepository } from '../infrastructure/stock-item.repository';
import { BackorderFiller } from './backorder-filler.service';
import { OnHandChangeNeedsAdjustmentException } from './inventory.exceptions';
import { StockLevel, toStockLevel } from './stock-level.view';

export interface UpsertStockItemCommand {
  storeId: string;
  sku: string;
  name: string;
  category: string;
  unitPriceCents: number;
  /** Initial stock of a new entry; on an existing one it must equal the current on-hand (idempotent PUT). */
  onHand?: number;
  restockEta?: Date | null;
  actor: string;
}

/** PUT a catalogue entry: creates it (with initial stock) or updates name, category, price and ETA. */
@Injectable()
export class UpsertStockItemUseCase {
  constructor(
    private readonly outbox: TransactionalOutbox,
    private readonly stockItems: StockItemRepository,
    private readonly adjustments: StockAdjustmentRepository,
    private readonly filler: BackorderFiller,
  ) {}

  execute(command: UpsertStockItemCommand): Promise<{ created: boolean; level: StockLevel }> {
    const details = { name: command.name, category: command.category, unitPriceCents: command.unitPriceCents, restockEta: command.restockEta ?? null };
    return this.outbox.run(async (tx) => {
      const created = await this.stockItems.insertIfAbsent(tx.manager, StockItem.create(command.storeId, command.sku, details, command.onHand ?? 0));
      const item = (await this.stockItems.lock(tx.manager, command.storeId, [command.sku])).get(command.sku)!;
      if (created) {
        if (item.onHand > 0) {
          await this.adjustments.record(tx.manager, item, { reason: StockAdjustmentReason.RESTOCK, delta: item.onHand, actor: command.actor });
          // Back-orders may wait for a SKU the store did not list yet.
          await this.filler.fill(tx, item);
          await this.stockItems.save(tx.manager, item);
          tx.publish(
            Events.inventoryStockAdjusted,
            { storeId: item.storeId, sku: item.sku, reason: StockAdjustmentReason.RESTOCK, delta: item.onHand, onHand: item.onHand, reserved: item.reserved },
            { subject: `${item.storeId}:${item.sku}` },
          );
        }
        return { created, level: toStockLevel(item) };
      }
      if (command.onHand !== undefined && command.onHand !== item.onHand) throw new OnHandChangeNeedsAdjustmentException(toStockLevel(item));
      item.describe(details);
      await this.stockItems.save(tx.manager, item);
      return { created, level: toStockLevel(item) };
    });
  }
}
