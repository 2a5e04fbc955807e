import { DecisionV1, EventEnvelope } from '@askfirst/contracts';
import { NoticeCause } from '../domain/notice';
import { DecisionAccount } from '../domain/templates/notice-facts';

/** The causing event of a notice: its id is the notice's unique key. */
export function causeOf(envelope: EventEnvelope<{ orderId: string; shopperId: string }>): NoticeCause {
  return {
    eventId: envelope.id,
    eventType: envelope.type,
    orderId: envelope.data.orderId,
    shopperId: envelope.data.shopperId,
    correlationId: envelope.correlationId,
  };
}

export function decisionAccountOf(decision: DecisionV1, substituteName?: string): DecisionAccount {
  return { source: decision.source, resolution: decision.resolution, lineIds: decision.lineIds, substituteName, fallbackReason: decision.fallbackReason };
}
