import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CaseState } from '../domain/case.aggregate';
import { CaseQueue } from '../domain/case-status';
import { CaseRepository } from '../infrastructure/case.repository';

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

  execute(queue: CaseQueue, agentId?: string): Promise<CaseState[]> {
    return this.cases.queue(this.dataSource.manager, queue, agentId);
  }
}
