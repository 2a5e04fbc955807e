import { Inject, Injectable } from '@nestjs/common';
import { TransactionalOutbox } from '@askfirst/messaging';
import { NOTIFICATION_CONFIG, NotificationServiceConfig } from '../config';
import { DecisionLinkError, DecisionLinkErrorCode, LinkUseOutcome } from '../domain/decision-link';
import { DecisionChoice } from '../domain/decision-offer';
import { verifyDecisionToken } from '../domain/decision-link-token';
import { DecisionLinkRepository } from '../infrastructure/persistence/decision-link.repository';
import { DecideOutcome } from './decision-link.outcomes';
import { OrderDecisionPort } from './ports/order-decision.port';

/**
 * POST of a decision link: the shopper's answer goes to the order service (source SHOPPER).
 * The link row stays locked while the order service answers, so one link yields one decision;
 * the link is spent on 200 or 409, and stays usable if the order service could not answer.
 */
@Injectable()
export class DecideThroughLinkUseCase {
  constructor(
    @Inject(NOTIFICATION_CONFIG) private readonly config: NotificationServiceConfig,
    private readonly links: DecisionLinkRepository,
    private readonly orders: OrderDecisionPort,
    private readonly outbox: TransactionalOutbox,
  ) {}

  async execute(token: string, choiceValue: string): Promise<DecideOutcome> {
    const check = verifyDecisionToken(token, this.config.decisionLinkSecret, new Date());
    if (!check.ok) return { kind: check.reason === 'EXPIRED' ? 'EXPIRED' : 'INVALID' };

    return this.outbox.run(async (tx): Promise<DecideOutcome> => {
      const link = await this.links.findForUpdate(tx.manager, check.linkId);
      if (!link) return { kind: 'NOT_FOUND' };
      let choice: DecisionChoice;
      try {
        choice = link.choose(choiceValue, new Date());
      } catch (error) {
        if (!(error instanceof DecisionLinkError)) throw error;
        switch (error.code) {
          case DecisionLinkErrorCode.ALREADY_USED:
            return { kind: 'USED', use: link.use };
          case DecisionLinkErrorCode.EXPIRED:
            return { kind: 'EXPIRED' };
          case DecisionLinkErrorCode.UNKNOWN_CHOICE:
            return { kind: 'UNKNOWN_CHOICE' };
        }
      }
      const answer = await this.orders.submit({
        orderId: link.offer.orderId,
        shopperId: link.offer.shopperId,
        resolution: choice.resolution,
        lineIds: link.lineIds(),
        substituteSku: choice.substituteSku,
        idempotencyKey: link.id,
      });
      if (answer.kind === 'UNAVAILABLE') return { kind: 'UNAVAILABLE' };
      link.markUsed(choice, answer.kind === 'ACCEPTED' ? LinkUseOutcome.ACCEPTED : LinkUseOutcome.TOO_LATE, new Date());
      await this.links.saveUse(tx.manager, link);
      return answer.kind === 'ACCEPTED' ? { kind: 'ACCEPTED', link, choice } : { kind: 'TOO_LATE', link, choice, detail: answer.detail };
    });
  }
}
