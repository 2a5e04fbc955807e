import { Injectable } from '@nestjs/common';
import { EventEnvelope, Events, OrderLineRefundApprovedV1 } from '@askfirst/contracts';
import { OnEvent, OutboxTransaction } from '@askfirst/messaging';
import { ReleaseRefundedLineUseCase } from '../application/release-refunded-line.usecase';

@Injectable()
export class LineRefundApprovedHandler {
  constructor(private readonly useCase: ReleaseRefundedLineUseCase) {}

  @OnEvent(Events.orderLineRefundApproved)
  handle(envelope: EventEnvelope<OrderLineRefundApprovedV1>, tx: OutboxTransaction): Promise<void> {
    return this.useCase.execute(tx, envelope.data);
  }
}
