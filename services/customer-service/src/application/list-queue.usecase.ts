import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CaseQueue, CaseStatus } from '../domain/case-status';
import { CaseRepository } from '../infrastructure/case.repository';
import { CaseStatusView } from './case-status.model';

/**
 * The unresolved cases of one queue, soonest SLA deadline first. An agent also keeps the cases they
 * hold that breached into the supervisor queue, so a claimed case never vanishes from its owner.
 */
@Injectable()
export class ListQueueUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cases: CaseRepository,
  ) {}

  async execute(queue: CaseQueue, agentId?: string): Promise<CaseStatusView[]> {
    const cases = await this.cases.queue(this.dataSource.manager, queue, agentId);
    // The list is in queue order, so an open case's position is one more than the open cases before it.
    let position = 0;
    return cases.map((c) => ({ case: c, queuePosition: c.status === CaseStatus.OPEN && c.queue === queue ? ++position : null }));
  }
}
