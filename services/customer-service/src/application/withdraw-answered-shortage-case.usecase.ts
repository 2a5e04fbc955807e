import { Injectable } from '@nestjs/common';
import { CaseType } from '@askfirst/contracts';
import { OutboxTransaction } from '@askfirst/messaging';
import { CaseRepository } from '../infrastructure/case.repository';
import { OrderProjectionRepository } from '../infrastructure/order-projection.repository';
import { CaseEventPublisher } from './case-event.publisher';

/**
 * Once nothing awaits the shopper's decision any more, an untaken SHORTAGE_CONTACT case has no
 * question left: it is closed instead of breaching (which would count a miss nobody made).
 */
@Injectable()
export class WithdrawAnsweredShortageCaseUseCase {
  constructor(
    private readonly orders: OrderProjectionRepository,
    private readonly cases: CaseRepository,
    private readonly publisher: CaseEventPublisher,
  ) {}

  async execute(tx: OutboxTransaction, orderId: string, reason: string): Promise<void> {
    const order = await this.orders.find(tx.manager, orderId);
    if (order?.pendingShortage) return;
    const c = await this.cases.findOpen(tx.manager, orderId, CaseType.SHORTAGE_CONTACT);
    if (!c || !c.withdraw(reason, new Date())) return;
    await this.cases.save(tx.manager, c);
    await this.publisher.publish(tx, c);
  }
}
