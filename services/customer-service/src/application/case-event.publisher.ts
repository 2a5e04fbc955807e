import { Injectable } from '@nestjs/common';
import { DecisionSource, EventDefinition, Events } from '@askfirst/contracts';
import { OutboxTransaction } from '@askfirst/messaging';
import { Case } from '../domain/case.aggregate';
import { CaseEvent } from '../domain/case.events';
import { TimelineProjector } from './timeline.projector';

interface Outgoing {
  definition: EventDefinition<any>;
  data: object;
  /** Staff-only text; kept in this service's timeline, never put on the wire. */
  internalNote?: string;
}

/** Publishes a case's recorded facts through the outbox and adds them to the order timeline, in the caller's transaction. */
@Injectable()
export class CaseEventPublisher {
  constructor(private readonly timeline: TimelineProjector) {}

  async publish(tx: OutboxTransaction, c: Case): Promise<void> {
    const s = c.snapshot;
    const fact = { caseId: s.id, orderId: s.orderId, shopperId: s.shopperId, caseType: s.type };
    for (const event of c.pullEvents()) {
      const { definition, data, internalNote } = toContract(event, fact);
      const envelope = tx.publish(definition, { ...fact, ...data }, { subject: s.orderId });
      await this.timeline.record(tx.manager, envelope, internalNote);
    }
  }
}

function toContract(event: CaseEvent, fact: { caseType: string }): Outgoing {
  switch (event.kind) {
    case 'opened':
      return { definition: Events.caseOpened, data: { slaDueAt: event.slaDueAt.toISOString(), priority: event.priority } };
    case 'agent-joined':
      return { definition: Events.agentJoined, data: { agentId: event.agentId, joinedAt: event.joinedAt.toISOString() } };
    case 'contact-attempted':
      return { definition: Events.contactAttempted, data: { agentId: event.agentId, outcome: event.outcome }, internalNote: event.note };
    case 'decision-recorded': {
      const { decisionId, resolution, lineIds, substituteSku } = event.decision;
      const decision = { decisionId, source: DecisionSource.AGENT_FOR_SHOPPER, resolution, lineIds, ...(substituteSku ? { substituteSku } : {}) };
      return { definition: Events.caseDecisionRecorded, data: { agentId: event.agentId, decision }, internalNote: event.note };
    }
    case 'sla-breached':
      return {
        definition: Events.slaBreached,
        data: { dueAt: event.dueAt.toISOString(), breachedAt: event.breachedAt.toISOString(), escalatedTo: event.escalatedTo },
      };
    case 'resolved':
      return { definition: Events.caseResolved, data: event.summary ? { summary: event.summary } : {} };
    default:
      return unreachable(event, fact);
  }
}

function unreachable(event: never, fact: { caseType: string }): never {
  throw new Error(`no contract for case event ${JSON.stringify(event)} of a ${fact.caseType} case`);
}
