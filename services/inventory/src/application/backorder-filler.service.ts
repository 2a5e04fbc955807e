import { Injectable } from '@nestjs/common';
import { Events } from '@askfirst/contracts';
import { OutboxTransaction } from '@askfirst/messaging';
import { Backorder, BackorderStatus } from '../domain/backorder';
import { planBackorderFills } from '../domain/backorder-queue';
import { StockItem } from '../domain/stock-item';
import { BackorderRepository } from '../infrastructure/backorder.repository';
import { ReservationRepository } from '../infrastructure/reservation.repository';

export interface FilledBackorder {
  orderId: string;
  lineId: string;
  sku: string;
  quantity: number;
}

/**
 * Gives newly available units of a SKU to waiting back-orders in order of arrival. The caller has
 * locked `item` and saves it afterwards; this locks the back-orders and their reservations.
 */
@Injectable()
export class BackorderFiller {
  constructor(private readonly backorders: BackorderRepository, private readonly reservations: ReservationRepository) {}

  /** `fill` for each of one store's items, skipping in one statement the SKUs nobody waits for. The caller has locked them all. */
  async fillAll(tx: OutboxTransaction, items: Iterable<StockItem>): Promise<FilledBackorder[]> {
    const open = [...items].filter((i) => i.available > 0);
    if (!open.length) return [];
    const waiting = await this.backorders.skusWaiting(tx.manager, open[0].storeId, open.map((i) => i.sku));
    const filled: FilledBackorder[] = [];
    for (const item of open) if (waiting.has(item.sku)) filled.push(...(await this.fill(tx, item)));
    return filled;
  }

  async fill(tx: OutboxTransaction, item: StockItem): Promise<FilledBackorder[]> {
    if (item.available <= 0) return [];
    const waiting = await this.backorders.lockWaiting(tx.manager, item.storeId, item.sku);
    const plan = planBackorderFills(item.available, waiting.map((b) => ({ id: b.id, outstanding: b.quantity - b.quantityFilled })));
    if (!plan.length) return [];
    const byId = new Map(waiting.map((b) => [b.id, b]));
    const reservations = await this.reservations.lockMany(tx.manager, plan.map((f) => byId.get(f.id)!.orderId));
    const filled: FilledBackorder[] = [];
    const changed: Backorder[] = [];
    for (const fill of plan) {
      const backorder = byId.get(fill.id)!;
      const reservation = reservations.get(backorder.orderId);
      if (!reservation?.isHeld || !reservation.hasLine(backorder.lineId, backorder.sku)) {
        // The order stopped waiting without its back-order being closed; never hold stock for it.
        backorder.status = BackorderStatus.CANCELLED;
        changed.push(backorder);
        continue;
      }
      // A refund may have lowered what the line still wants since the back-order was queued.
      const units = Math.min(fill.units, reservation.outstandingOf(backorder.lineId, backorder.sku));
      if (units > 0) {
        item.holdExactly(units);
        reservation.fillBackorder(backorder.lineId, backorder.sku, units);
        backorder.quantityFilled += units;
      }
      if (backorder.quantityFilled >= backorder.quantity || reservation.outstandingOf(backorder.lineId, backorder.sku) === 0) {
        backorder.status = backorder.quantityFilled > 0 ? BackorderStatus.FILLED : BackorderStatus.CANCELLED;
        if (backorder.status === BackorderStatus.FILLED) {
          const done = { orderId: backorder.orderId, lineId: backorder.lineId, sku: backorder.sku, quantity: backorder.quantityFilled };
          tx.publish(Events.inventoryBackorderFilled, { ...done, storeId: backorder.storeId }, { subject: backorder.orderId });
          filled.push(done);
        }
      }
      changed.push(backorder);
    }
    await this.backorders.saveMany(tx.manager, changed);
    await this.reservations.saveMany(tx.manager, reservations.values());
    return filled;
  }
}
