import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { ShortageResolution } from '@askfirst/contracts';
import { TransactionalOutbox } from '@askfirst/messaging';
import { CaseState } from '../domain/case.aggregate';
import { CaseActor } from '../domain/case-status';
import { RecordedDecision } from '../domain/case.events';
import { settleLines } from '../domain/pending-shortage';
import { CaseRepository } from '../infrastructure/case.repository';
import { OrderProjectionRepository } from '../infrastructure/order-projection.repository';
import { SlaMetrics } from '../infrastructure/sla-metrics';
import { CaseEventPublisher } from './case-event.publisher';

export interface AgentDecisionCommand {
  resolution: ShortageResolution;
  lineIds?: string[];
  substituteSku?: string;
  note?: string;
}

/**
 * Records what the shopper told the agent; the order service applies it as AGENT_FOR_SHOPPER.
 * The order row is locked first, so two cases of one order cannot decide the same lines twice.
 */
@Injectable()
export class RecordAgentDecisionUseCase {
  constructor(
    private readonly outbox: TransactionalOutbox,
    private readonly cases: CaseRepository,
    private readonly orders: OrderProjectionRepository,
    private readonly publisher: CaseEventPublisher,
    private readonly metrics: SlaMetrics,
  ) {}

  async execute(caseId: string, actor: CaseActor, command: AgentDecisionCommand): Promise<{ case: CaseState; decision: RecordedDecision }> {
    const now = new Date();
    const result = await this.outbox.run(async (tx) => {
      const c = await this.cases.get(tx.manager, caseId);
      const order = await this.orders.lockOrCreate(tx.manager, c.snapshot.orderId, c.snapshot.shopperId);
      const firstContact = !c.snapshot.firstContactAt;
      const decision = c.recordDecision(actor, { decisionId: randomUUID(), ...command }, order.pendingShortage, now);
      await this.cases.save(tx.manager, c);
      await this.orders.save(tx.manager, { ...order, pendingShortage: settleLines(order.pendingShortage, decision.lineIds, decision.resolution) });
      await this.publisher.publish(tx, c);
      return { case: c.snapshot, decision, firstContact };
    });
    if (result.firstContact) this.metrics.firstContact(result.case.type, result.case.openedAt, now);
    return { case: result.case, decision: result.decision };
  }
}
