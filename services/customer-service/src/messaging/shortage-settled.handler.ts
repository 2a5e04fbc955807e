import { Injectable } from '@nestjs/common';
import { DecisionSource, EventEnvelope, Events, OrderCancelledV1, OrderDecisionRecordedV1 } from '@askfirst/contracts';
import { OnEvent, OutboxTransaction } from '@askfirst/messaging';
import { RecordOrderEventUseCase } from '../application/record-order-event.usecase';
import { WithdrawAnsweredShortageCaseUseCase } from '../application/withdraw-answered-shortage-case.usecase';

const REASONS: Partial<Record<DecisionSource, string>> = {
  [DecisionSource.SHOPPER]: 'The shopper decided through their decision link.',
  [DecisionSource.SHOPPER_PRESET_FALLBACK]: "Nobody reached the shopper in time; their own fallback applied.",
};

/** A decision or a cancellation may settle the shortage a SHORTAGE_CONTACT case was waiting on. */
@Injectable()
export class ShortageSettledHandler {
  constructor(
    private readonly recordOrderEvent: RecordOrderEventUseCase,
    private readonly withdrawAnswered: WithdrawAnsweredShortageCaseUseCase,
  ) {}

  @OnEvent(Events.orderDecisionRecorded, Events.orderCancelled)
  async handle(envelope: EventEnvelope<OrderDecisionRecordedV1 | OrderCancelledV1>, tx: OutboxTransaction): Promise<void> {
    // Both types fold into the projection; the order as they left it says whether a question remains.
    const order = await this.recordOrderEvent.fold(tx, envelope);
    const reason = envelope.type === Events.orderCancelled.type ? 'The order was cancelled.' : REASONS[envelope.data.decision.source];
    if (reason) await this.withdrawAnswered.execute(tx, order, reason);
  }
}
