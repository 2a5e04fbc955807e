import { Inject, Injectable } from '@nestjs/common';
import { TransactionalOutbox } from '@askfirst/messaging';
import { SlaPolicy } from '../domain/sla-policy';
import { CaseRepository } from '../infrastructure/case.repository';
import { SlaMetrics } from '../infrastructure/sla-metrics';
import { CaseEventPublisher } from './case-event.publisher';

/**
 * One sweep of the durable SLA clock: due cases are locked (SKIP LOCKED, so replicas share the work),
 * breached, saved and published in one transaction. A crash before commit leaves them due; after
 * commit, breached_at keeps them from breaching twice.
 */
@Injectable()
export class BreachOverdueCasesUseCase {
  constructor(
    private readonly outbox: TransactionalOutbox,
    private readonly cases: CaseRepository,
    private readonly publisher: CaseEventPublisher,
    @Inject(SlaPolicy) private readonly policy: SlaPolicy,
    private readonly metrics: SlaMetrics,
  ) {}

  async execute(batchSize: number): Promise<number> {
    const now = new Date();
    const breached = await this.outbox.run(async (tx) => {
      const due = await this.cases.lockDueForBreach(tx.manager, now, batchSize);
      for (const c of due) {
        c.breach(now, this.policy);
        await this.cases.save(tx.manager, c);
        await this.publisher.publish(tx, c);
      }
      return due.map((c) => c.snapshot.type);
    });
    breached.forEach((type) => this.metrics.breached(type));
    return breached.length;
  }
}
