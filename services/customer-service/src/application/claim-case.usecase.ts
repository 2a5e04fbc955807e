import { Injectable } from '@nestjs/common';
import { TransactionalOutbox } from '@askfirst/messaging';
import { CaseState } from '../domain/case.aggregate';
import { CaseActor } from '../domain/case-status';
import { CaseRepository } from '../infrastructure/case.repository';
import { CaseEventPublisher } from './case-event.publisher';

/** An agent takes a case; of concurrent claims the conditional UPDATE lets exactly one through. */
@Injectable()
export class ClaimCaseUseCase {
  constructor(
    private readonly outbox: TransactionalOutbox,
    private readonly cases: CaseRepository,
    private readonly publisher: CaseEventPublisher,
  ) {}

  execute(caseId: string, actor: CaseActor): Promise<CaseState> {
    return this.outbox.run(async (tx) => {
      const c = await this.cases.get(tx.manager, caseId);
      c.claim(actor, new Date());
      await this.cases.save(tx.manager, c);
      await this.publisher.publish(tx, c);
      return c.snapshot;
    });
  }
}
