import { Injectable } from '@nestjs/common';
import { CaseDecisionRecordedV1, DecisionSource, EventEnvelope } from '@askfirst/contracts';
import { OutboxTransaction, UnprocessableEventError } from '@askfirst/messaging';
import { Decision } from '../domain/decision';
import { OrderRuleError } from '../domain/order-errors';
import { OrderUnitOfWork } from './order-unit-of-work';
import { TimelineKind } from './timeline-entry';

/**
 * customer-service.decision-recorded: an agent recorded what the shopper said (AGENT_FOR_SHOPPER),
 * applied like the shopper's own decision. One that comes too late or conflicts is kept in the
 * timeline as rejected and changes nothing — retrying could never make it apply, and a dead
 * letter would hide it from the agent.
 */
@Injectable()
export class ApplyAgentDecisionUseCase {
  constructor(private readonly uow: OrderUnitOfWork) {}

  async execute(tx: OutboxTransaction, envelope: EventEnvelope<CaseDecisionRecordedV1>): Promise<void> {
    const { orderId, shopperId, agentId, caseId, decision: wire } = envelope.data;
    const order = await this.uow.find(tx, orderId, { lock: true });
    if (!order) throw new UnprocessableEventError(`decision ${wire.decisionId} is about order ${orderId}, which does not exist`);
    await this.uow.recordConsumed(tx, orderId, envelope);
    const reject = (reason: string, current?: unknown) => this.uow.note(tx, {
      orderId, at: new Date(), kind: TimelineKind.DECISION_REJECTED, eventType: envelope.type, eventId: envelope.id,
      summary: `Agent ${agentId}'s decision ${wire.resolution} was not applied: ${reason}`, data: { decision: wire, current: current ?? order.conflictView() },
    });
    if (shopperId !== order.shopperId) return reject(`it names shopper ${shopperId}, not the order's shopper`);
    if (wire.source !== DecisionSource.AGENT_FOR_SHOPPER) return reject(`its source is ${wire.source}, not AGENT_FOR_SHOPPER`);
    if (order.snapshot().decisions.some((d) => d.id === wire.decisionId)) return reject('it was already recorded');
    try {
      const now = new Date();
      // The agent recorded it when customer-service published it: earlier than a back-order, it cannot change one.
      const recordedAt = new Date(envelope.time);
      order.decide(Decision.record({
        id: wire.decisionId, source: DecisionSource.AGENT_FOR_SHOPPER, resolution: wire.resolution, substituteSku: wire.substituteSku,
        lineIds: order.linesToDecide(wire.lineIds), decidedAt: now, decidedBy: agentId, caseId,
      }), now, Number.isNaN(recordedAt.getTime()) ? now : recordedAt);
    } catch (error) {
      if (error instanceof OrderRuleError) return reject(error.message, error.current);
      throw error;
    }
    await this.uow.save(tx, order);
  }
}
