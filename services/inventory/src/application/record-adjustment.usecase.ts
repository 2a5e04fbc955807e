import { Injectable } from '@nestjs/common';
import { Events, ShortageStage, StockAdjustmentReason } from '@askfirst/contracts';
import { TransactionalOutbox } from '@askfirst/messaging';
import { packedOffShelf, planPickingShortfall, withBagOpened } from '../domain/picking-shortfall';
import { ShortLine } from '../domain/reservation';
import { OnHandChange } from '../domain/stock-item';
import { ReservationRepository } from '../infrastructure/reservation.repository';
import { StockAdjustmentRepository } from '../infrastructure/stock-adjustment.repository';
import { StockItemRepository } from '../infrastructure/stock-item.repository';
import { BackorderFiller } from './backorder-filler.service';
import { StockItemNotFoundException } from './inventory.exceptions';
import { ShortageReporter } from './shortage-reporter.service';
import { StockLevel, toStockLevel } from './stock-level.view';

export type AdjustmentReason = StockAdjustmentReason.MISSING | StockAdjustmentReason.DAMAGED | StockAdjustmentReason.RECOUNT;

export interface RecordAdjustmentCommand {
  storeId: string;
  sku: string;
  reason: AdjustmentReason;
  /** Units lost (MISSING, DAMAGED). */
  quantity?: number;
  /** What the shelf holds now (RECOUNT). */
  countedOnHand?: number;
  /** The order the picker is on: it loses the units first. */
  orderId?: string;
  actor: string;
}

export interface OrderShortfall {
  orderId: string;
  lines: ShortLine[];
}

/**
 * A picker or a count lowers on-hand. Units that no longer exist are taken from reservations (the
 * order being picked first, then the latest-confirmed) and each order hit gets a PICKING shortage:
 * the disappearing cake. Units already packed for the courier (order.ready) are not on the shelf:
 * a count or a loss there never takes them, unless the picker reports them lost from that very bag.
 */
@Injectable()
export class RecordAdjustmentUseCase {
  constructor(
    private readonly outbox: TransactionalOutbox,
    private readonly stockItems: StockItemRepository,
    private readonly reservations: ReservationRepository,
    private readonly adjustments: StockAdjustmentRepository,
    private readonly shortages: ShortageReporter,
    private readonly filler: BackorderFiller,
  ) {}

  execute(command: RecordAdjustmentCommand): Promise<{ level: StockLevel; delta: number; shortfalls: OrderShortfall[] }> {
    return this.outbox.run(async (tx) => {
      const item = (await this.stockItems.lock(tx.manager, command.storeId, [command.sku])).get(command.sku);
      if (!item) throw new StockItemNotFoundException(command.storeId, command.sku);

      // Stable while we hold the SKU's lock: every change to its holds (and packing) locks it first.
      const onShelfHolds = await this.reservations.holdsOn(tx.manager, item.storeId, item.sku);
      const bag = command.reason === StockAdjustmentReason.RECOUNT ? undefined : command.orderId;
      const holds = bag ? withBagOpened(onShelfHolds, bag) : onShelfHolds;
      const change: OnHandChange = command.reason === StockAdjustmentReason.RECOUNT
        ? item.recount(command.countedOnHand!, packedOffShelf(holds))
        : item.loseUnits(command.quantity!, packedOffShelf(holds));

      const shortfalls: OrderShortfall[] = [];
      if (change.unitsTakenFromReservations > 0) {
        const plan = planPickingShortfall(change.unitsTakenFromReservations, holds, command.orderId);
        const locked = await this.reservations.lockMany(tx.manager, plan.map((p) => p.orderId));
        for (const { orderId, units } of plan) shortfalls.push({ orderId, lines: locked.get(orderId)!.takeUnits(item.sku, units, orderId === bag) });
        await this.reservations.saveMany(tx.manager, locked.values());
        for (const { orderId, lines } of shortfalls) await this.shortages.publish(tx, locked.get(orderId)!, ShortageStage.PICKING, lines, command.reason);
      }
      if (change.delta > 0) await this.filler.fill(tx, item);

      await this.stockItems.saveCounts(tx.manager, [item]);
      await this.adjustments.record(tx.manager, item, { reason: command.reason, delta: change.delta, orderId: command.orderId, actor: command.actor });
      tx.publish(
        Events.inventoryStockAdjusted,
        { storeId: item.storeId, sku: item.sku, reason: command.reason, delta: change.delta, onHand: item.onHand, reserved: item.reserved },
        { subject: `${item.storeId}:${item.sku}` },
      );
      return { level: toStockLevel(item), delta: change.delta, shortfalls };
    });
  }
}
