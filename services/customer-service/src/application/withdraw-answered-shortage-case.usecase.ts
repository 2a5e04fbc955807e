import { Injectable } from '@nestjs/common';
import { CaseType } from '@askfirst/contracts';
import { OutboxTransaction } from '@askfirst/messaging';
import { CaseRepository } from '../infrastructure/case.repository';
import { CaseEventPublisher } from './case-event.publisher';
import { OrderSnapshot } from './order-projection.model';

/**
 * Once nothing awaits the shopper's decision any more, an untaken SHORTAGE_CONTACT case has no
 * question left: it is closed instead of breaching (which would count a miss nobody made).
 */
@Injectable()
export class WithdrawAnsweredShortageCaseUseCase {
  constructor(
    private readonly cases: CaseRepository,
    private readonly publisher: CaseEventPublisher,
  ) {}

  /** `order`: the projection as this transaction just wrote it, under its row lock. */
  async execute(tx: OutboxTransaction, order: OrderSnapshot, reason: string): Promise<void> {
    if (order.pendingShortage) return;
    const c = await this.cases.findOpen(tx.manager, order.orderId, CaseType.SHORTAGE_CONTACT);
    if (!c || !c.withdraw(reason, new Date())) return;
    await this.cases.save(tx.manager, c);
    await this.publisher.publish(tx, c);
  }
}
