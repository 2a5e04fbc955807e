import { Injectable } from '@nestjs/common';
import { Events } from '@askfirst/contracts';
import { TransactionalOutbox } from '@askfirst/messaging';
import { CaseRepository } from '../infrastructure/case.repository';
import { CaseEventPublisher } from './case-event.publisher';

export const REACHED_SHOPPER_SUMMARY = 'Withdrawn: every notice that had failed reached the shopper on a later attempt';

/**
 * An UNREACHABLE_SHOPPER case asks a human to tell the shopper what a failed notice said. When the
 * notification service's later rounds deliver every such notice after all, the question is gone: an
 * untaken case is closed instead of sending an agent to call (and breaching on a call nobody needs).
 * A case an agent has taken stays with the agent, whose timeline shows the delivery.
 */
@Injectable()
export class WithdrawReachedShopperCasesUseCase {
  constructor(
    private readonly outbox: TransactionalOutbox,
    private readonly cases: CaseRepository,
    private readonly publisher: CaseEventPublisher,
  ) {}

  /** One sweep; returns how many cases it closed. */
  async execute(batchSize: number): Promise<number> {
    const now = new Date();
    return this.outbox.run(async (tx) => {
      const reached = await this.cases.lockUnreachableSinceReached(
        tx.manager,
        { failed: Events.notificationDeliveryFailed.type, delivered: Events.notificationShopperNotified.type },
        batchSize,
      );
      for (const c of reached) {
        if (!c.withdraw(REACHED_SHOPPER_SUMMARY, now)) continue;
        await this.cases.save(tx.manager, c);
        await this.publisher.publish(tx, c);
      }
      return reached.length;
    });
  }
}
