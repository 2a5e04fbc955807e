import { Injectable } from '@nestjs/common';
import { Events, StockAdjustmentReason } from '@askfirst/contracts';
import { TransactionalOutbox } from '@askfirst/messaging';
import { MAX_ON_HAND } from '../domain/stock-item';
import { StockAdjustmentRepository } from '../infrastructure/stock-adjustment.repository';
import { StockItemRepository } from '../infrastructure/stock-item.repository';
import { BackorderFiller, FilledBackorder } from './backorder-filler.service';
import { OnHandLimitExceededException, StockItemNotFoundException } from './inventory.exceptions';
import { StockLevel, toStockLevel } from './stock-level.view';

export interface RestockCommand {
  storeId: string;
  sku: string;
  quantity: number;
  actor: string;
}

/** A delivery arrived: on-hand rises, waiting back-orders are served first in order of arrival. */
@Injectable()
export class RestockUseCase {
  constructor(
    private readonly outbox: TransactionalOutbox,
    private readonly stockItems: StockItemRepository,
    private readonly adjustments: StockAdjustmentRepository,
    private readonly filler: BackorderFiller,
  ) {}

  execute(command: RestockCommand): Promise<{ level: StockLevel; backordersFilled: FilledBackorder[] }> {
    return this.outbox.run(async (tx) => {
      const item = (await this.stockItems.lock(tx.manager, command.storeId, [command.sku])).get(command.sku);
      if (!item) throw new StockItemNotFoundException(command.storeId, command.sku);
      if (!item.canRestock(command.quantity)) throw new OnHandLimitExceededException(toStockLevel(item), MAX_ON_HAND);

      item.restock(command.quantity);
      // The ETA described the delivery that just arrived.
      item.describe({ name: item.name, category: item.category, unitPriceCents: item.unitPriceCents, restockEta: null });
      const backordersFilled = await this.filler.fill(tx, item);
      await this.stockItems.save(tx.manager, item);
      await this.adjustments.record(tx.manager, item, { reason: StockAdjustmentReason.RESTOCK, delta: command.quantity, actor: command.actor });
      tx.publish(
        Events.inventoryStockAdjusted,
        { storeId: item.storeId, sku: item.sku, reason: StockAdjustmentReason.RESTOCK, delta: command.quantity, onHand: item.onHand, reserved: item.reserved },
        { subject: `${item.storeId}:${item.sku}` },
      );
      return { level: toStockLevel(item), backordersFilled };
    });
  }
}
