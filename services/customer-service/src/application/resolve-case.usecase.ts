import { Injectable } from '@nestjs/common';
import { TransactionalOutbox } from '@askfirst/messaging';
import { CaseState } from '../domain/case.aggregate';
import { CaseActor } from '../domain/case-status';
import { CaseRepository } from '../infrastructure/case.repository';
import { CaseEventPublisher } from './case-event.publisher';

/** Closes a case; its summary is shared with the shopper (it travels on customer-service.case-resolved). */
@Injectable()
export class ResolveCaseUseCase {
  constructor(
    private readonly outbox: TransactionalOutbox,
    private readonly cases: CaseRepository,
    private readonly publisher: CaseEventPublisher,
  ) {}

  execute(caseId: string, actor: CaseActor, summary?: string): Promise<CaseState> {
    return this.outbox.run(async (tx) => {
      const c = await this.cases.get(tx.manager, caseId);
      c.resolve(actor, summary, new Date());
      await this.cases.save(tx.manager, c);
      await this.publisher.publish(tx, c);
      return c.snapshot;
    });
  }
}
