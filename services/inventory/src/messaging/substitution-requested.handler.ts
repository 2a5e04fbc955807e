import { Injectable } from '@nestjs/common';
import { EventEnvelope, Events, OrderSubstitutionRequestedV1 } from '@askfirst/contracts';
import { OnEvent, OutboxTransaction } from '@askfirst/messaging';
import { ReserveSubstituteUseCase } from '../application/reserve-substitute.usecase';

@Injectable()
export class SubstitutionRequestedHandler {
  constructor(private readonly useCase: ReserveSubstituteUseCase) {}

  @OnEvent(Events.orderSubstitutionRequested)
  handle(envelope: EventEnvelope<OrderSubstitutionRequestedV1>, tx: OutboxTransaction): Promise<void> {
    return this.useCase.execute(tx, envelope.data);
  }
}
