import { Injectable } from '@nestjs/common';
import { Events, OrderSubstitutionRequestedV1 } from '@askfirst/contracts';
import { OutboxTransaction, UnprocessableEventError } from '@askfirst/messaging';
import { Reservation } from '../domain/reservation';
import { StockItem } from '../domain/stock-item';
import { rankSubstitutes } from '../domain/substitute-ranking';
import { ReservationRepository } from '../infrastructure/reservation.repository';
import { StockItemRepository } from '../infrastructure/stock-item.repository';

/** Best-match candidates locked at once (in SKU order) so the choice and the hold are one step. */
const CANDIDATES_TO_LOCK = 10;

/**
 * order.substitution-requested: holds the named SKU, or the closest-priced SKU of the same category
 * with enough stock, for the whole quantity; otherwise says why nothing could be held.
 */
@Injectable()
export class ReserveSubstituteUseCase {
  constructor(private readonly stockItems: StockItemRepository, private readonly reservations: ReservationRepository) {}

  async execute(tx: OutboxTransaction, request: OrderSubstitutionRequestedV1): Promise<void> {
    const peek = await this.reservations.find(tx.manager, request.orderId);
    if (!peek) throw new UnprocessableEventError(`order ${request.orderId} has no reservation to substitute on`);
    if (!peek.hasLine(request.lineId, request.originalSku)) {
      throw new UnprocessableEventError(`order ${request.orderId} has no line ${request.lineId} for ${request.originalSku}`);
    }
    if (!peek.isHeld) return this.unavailable(tx, peek, request, `the order's reservation is ${peek.status}`);
    if (request.substituteSku === request.originalSku) return this.unavailable(tx, peek, request, 'the substitute is the SKU that is short');

    const storeId = peek.storeId;
    const original = await this.stockItems.find(tx.manager, storeId, request.originalSku);
    let candidateSkus: string[];
    if (request.substituteSku) {
      candidateSkus = [request.substituteSku];
    } else if (!original) {
      return this.unavailable(tx, peek, request, `${request.originalSku} is not listed in store ${storeId}, so it has no category to match`);
    } else {
      const pool = await this.stockItems.substituteCandidates(tx.manager, storeId, original, request.quantity, CANDIDATES_TO_LOCK);
      candidateSkus = pool.map((c) => c.sku);
    }

    // Stock rows first, then the reservation: the service-wide lock order.
    const locked = await this.stockItems.lock(tx.manager, storeId, candidateSkus);
    const reservation = (await this.reservations.relock(tx.manager, peek))!;
    const chosen = this.choose(request, original, locked);
    if (typeof chosen === 'string') return this.unavailable(tx, reservation, request, chosen);

    chosen.holdExactly(request.quantity);
    reservation.addSubstitute(request.lineId, request.originalSku, chosen.sku, request.quantity);
    await this.stockItems.saveCounts(tx.manager, [chosen]);
    await this.reservations.save(tx.manager, reservation);
    tx.publish(
      Events.inventorySubstituteReserved,
      {
        orderId: reservation.orderId,
        storeId,
        lineId: request.lineId,
        decisionId: request.decision.decisionId,
        sku: chosen.sku,
        name: chosen.name,
        quantity: request.quantity,
        unitPriceCents: chosen.unitPriceCents,
      },
      { subject: reservation.orderId },
    );
  }

  /** The item to hold, or why there is none. */
  private choose(request: OrderSubstitutionRequestedV1, original: StockItem | null, locked: Map<string, StockItem>): StockItem | string {
    if (request.substituteSku) {
      const named = locked.get(request.substituteSku);
      if (!named) return `${request.substituteSku} is not listed in this store`;
      return named.available >= request.quantity ? named : `only ${named.available} of ${request.substituteSku} available, ${request.quantity} needed`;
    }
    const candidates = [...locked.values()].map((i) => ({ sku: i.sku, name: i.name, category: i.category, unitPriceCents: i.unitPriceCents, available: i.available }));
    const [best] = rankSubstitutes(original!, candidates, { minAvailable: request.quantity, limit: 1 });
    return best ? locked.get(best.sku)! : `no ${original!.category} item has ${request.quantity} available`;
  }

  private unavailable(tx: OutboxTransaction, reservation: Reservation, request: OrderSubstitutionRequestedV1, reason: string): void {
    tx.publish(
      Events.inventorySubstituteUnavailable,
      {
        orderId: reservation.orderId,
        storeId: reservation.storeId,
        lineId: request.lineId,
        decisionId: request.decision.decisionId,
        ...(request.substituteSku ? { requestedSku: request.substituteSku } : {}),
        reason: reason.slice(0, 500),
      },
      { subject: reservation.orderId },
    );
  }
}
