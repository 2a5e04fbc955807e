import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { TransactionalOutbox } from '@askfirst/messaging';
import { CaseState } from '../domain/case.aggregate';
import { CaseActor, ContactOutcome } from '../domain/case-status';
import { CaseRepository } from '../infrastructure/case.repository';
import { ContactAttemptRepository } from '../infrastructure/contact-attempt.repository';
import { SlaMetrics } from '../infrastructure/sla-metrics';
import { CaseEventPublisher } from './case-event.publisher';
import { ContactAttemptRecord } from './contact-attempt.model';

export interface ContactAttemptCommand {
  outcome: ContactOutcome;
  note?: string;
}

/** Logs a try to reach the shopper; the first one stops the SLA clock (a human acted). */
@Injectable()
export class RecordContactAttemptUseCase {
  constructor(
    private readonly outbox: TransactionalOutbox,
    private readonly cases: CaseRepository,
    private readonly attempts: ContactAttemptRepository,
    private readonly publisher: CaseEventPublisher,
    private readonly metrics: SlaMetrics,
  ) {}

  async execute(caseId: string, actor: CaseActor, command: ContactAttemptCommand): Promise<{ case: CaseState; attempt: ContactAttemptRecord }> {
    const now = new Date();
    const result = await this.outbox.run(async (tx) => {
      const c = await this.cases.get(tx.manager, caseId);
      const firstContact = !c.snapshot.firstContactAt;
      const attempt: ContactAttemptRecord = { id: randomUUID(), caseId, agentId: actor.id, outcome: command.outcome, note: command.note ?? null, at: now };
      c.recordContactAttempt(actor, { attemptId: attempt.id, outcome: command.outcome, note: command.note }, now);
      await this.cases.save(tx.manager, c);
      await this.attempts.add(tx.manager, attempt);
      await this.publisher.publish(tx, c);
      return { case: c.snapshot, attempt, firstContact };
    });
    if (result.firstContact) this.metrics.firstContact(result.case.type, result.case.openedAt, now);
    return { case: result.case, attempt: result.attempt };
  }
}
