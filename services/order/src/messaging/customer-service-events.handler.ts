import { Injectable } from '@nestjs/common';
import { CaseDecisionRecordedV1, EventEnvelope, Events } from '@askfirst/contracts';
import { OnEvent, OutboxTransaction } from '@askfirst/messaging';
import { ApplyAgentDecisionUseCase } from '../application/apply-agent-decision.usecase';
import { RecordOrderFactUseCase } from '../application/record-order-fact.usecase';

/** askfirst.customer-service.v1: an agent's recorded decision applies; every case fact joins the timeline. */
@Injectable()
export class CustomerServiceEventsHandler {
  constructor(private readonly agentDecision: ApplyAgentDecisionUseCase, private readonly fact: RecordOrderFactUseCase) {}

  @OnEvent(Events.caseDecisionRecorded)
  onDecisionRecorded(envelope: EventEnvelope<CaseDecisionRecordedV1>, tx: OutboxTransaction): Promise<void> {
    return this.agentDecision.execute(tx, envelope);
  }

  @OnEvent(Events.caseOpened, Events.agentJoined, Events.contactAttempted, Events.slaBreached, Events.caseResolved)
  onCaseFact(envelope: EventEnvelope<{ orderId: string }>, tx: OutboxTransaction): Promise<void> {
    return this.fact.execute(tx, envelope);
  }
}
