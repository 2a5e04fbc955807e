import { Injectable } from '@nestjs/common';
import {
  EventEnvelope, Events, InventoryBackorderFilledV1, InventoryReservedV1, InventoryShortageDetectedV1, InventorySubstituteReservedV1,
  InventorySubstituteUnavailableV1,
} from '@askfirst/contracts';
import { OnEvent, OutboxTransaction } from '@askfirst/messaging';
import { ConfirmReservationUseCase } from '../application/confirm-reservation.usecase';
import { FillBackorderUseCase } from '../application/fill-backorder.usecase';
import { RecordOrderFactUseCase } from '../application/record-order-fact.usecase';
import { ReportShortageUseCase } from '../application/report-shortage.usecase';
import { SubstituteReservedUseCase } from '../application/substitute-reserved.usecase';
import { SubstituteUnavailableUseCase } from '../application/substitute-unavailable.usecase';

/** askfirst.inventory.v1 → order use cases, each inside the inbox transaction it is handed. */
@Injectable()
export class InventoryEventsHandler {
  constructor(
    private readonly confirm: ConfirmReservationUseCase,
    private readonly shortage: ReportShortageUseCase,
    private readonly substituteReserved: SubstituteReservedUseCase,
    private readonly substituteUnavailable: SubstituteUnavailableUseCase,
    private readonly backorderFilled: FillBackorderUseCase,
    private readonly fact: RecordOrderFactUseCase,
  ) {}

  @OnEvent(Events.inventoryReserved)
  onReserved(envelope: EventEnvelope<InventoryReservedV1>, tx: OutboxTransaction): Promise<void> {
    return this.confirm.execute(tx, envelope);
  }

  @OnEvent(Events.inventoryShortageDetected)
  onShortageDetected(envelope: EventEnvelope<InventoryShortageDetectedV1>, tx: OutboxTransaction): Promise<void> {
    return this.shortage.execute(tx, envelope);
  }

  @OnEvent(Events.inventorySubstituteReserved)
  onSubstituteReserved(envelope: EventEnvelope<InventorySubstituteReservedV1>, tx: OutboxTransaction): Promise<void> {
    return this.substituteReserved.execute(tx, envelope);
  }

  @OnEvent(Events.inventorySubstituteUnavailable)
  onSubstituteUnavailable(envelope: EventEnvelope<InventorySubstituteUnavailableV1>, tx: OutboxTransaction): Promise<void> {
    return this.substituteUnavailable.execute(tx, envelope);
  }

  @OnEvent(Events.inventoryBackorderFilled)
  onBackorderFilled(envelope: EventEnvelope<InventoryBackorderFilledV1>, tx: OutboxTransaction): Promise<void> {
    return this.backorderFilled.execute(tx, envelope);
  }

  @OnEvent(Events.inventoryReleased, Events.inventoryCommitted)
  onStockReleasedOrCommitted(envelope: EventEnvelope<{ orderId: string }>, tx: OutboxTransaction): Promise<void> {
    return this.fact.execute(tx, envelope);
  }
}
