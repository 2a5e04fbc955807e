import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { CaseType } from '@askfirst/contracts';
import { OutboxTransaction } from '@askfirst/messaging';
import { Case, CaseState } from '../domain/case.aggregate';
import { SlaPolicy } from '../domain/sla-policy';
import { CaseRepository } from '../infrastructure/case.repository';
import { SlaMetrics } from '../infrastructure/sla-metrics';
import { CaseEventPublisher } from './case-event.publisher';

export interface OpenCaseCommand {
  orderId: string;
  shopperId: string;
  type: CaseType;
  subject?: string;
}

/** Opens a case with its SLA clock, or returns the open one of the same (order, type): idempotent. */
@Injectable()
export class OpenCaseUseCase {
  constructor(
    private readonly cases: CaseRepository,
    private readonly publisher: CaseEventPublisher,
    @Inject(SlaPolicy) private readonly policy: SlaPolicy,
    private readonly metrics: SlaMetrics,
  ) {}

  async execute(tx: OutboxTransaction, command: OpenCaseCommand): Promise<{ case: CaseState; created: boolean }> {
    // Insert first, look only on a conflict: a new case costs one statement instead of two.
    for (let attempt = 1; ; attempt++) {
      const c = Case.open({ id: randomUUID(), ...command, now: new Date() }, this.policy);
      if (await this.cases.insertIfNoneOpen(tx.manager, c)) {
        await this.publisher.publish(tx, c);
        this.metrics.caseOpened(command.type);
        return { case: c.snapshot, created: true };
      }
      // An open case of this (order, type) exists, or a concurrent one was committed while we waited on the index.
      const existing = await this.cases.findOpen(tx.manager, command.orderId, command.type);
      if (existing) return { case: existing.snapshot, created: false };
      // It was resolved between the two statements: nothing is open now, so the next insert opens a new one.
      if (attempt >= 3) throw new Error(`case for ${command.orderId}/${command.type} keeps conflicting and vanishing`);
    }
  }
}
