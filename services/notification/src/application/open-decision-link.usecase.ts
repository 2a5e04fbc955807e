import { Inject, Injectable } from '@nestjs/common';
import { NOTIFICATION_CONFIG, NotificationServiceConfig } from '../config';
import { DecisionLinkError, DecisionLinkErrorCode } from '../domain/decision-link';
import { verifyDecisionToken } from '../domain/decision-link-token';
import { DecisionLinkRepository } from '../infrastructure/persistence/decision-link.repository';
import { OpenLinkOutcome } from './decision-link.outcomes';

/** GET of a decision link: shows the choices, never decides anything. */
@Injectable()
export class OpenDecisionLinkUseCase {
  constructor(
    @Inject(NOTIFICATION_CONFIG) private readonly config: NotificationServiceConfig,
    private readonly links: DecisionLinkRepository,
  ) {}

  async execute(token: string): Promise<OpenLinkOutcome> {
    const now = new Date();
    const check = verifyDecisionToken(token, this.config.decisionLinkSecret, now);
    if (!check.ok) return { kind: check.reason === 'EXPIRED' ? 'EXPIRED' : 'INVALID' };
    const link = await this.links.find(check.linkId);
    if (!link) return { kind: 'NOT_FOUND' };
    try {
      link.assertOpen(now);
    } catch (error) {
      if (!(error instanceof DecisionLinkError)) throw error;
      return error.code === DecisionLinkErrorCode.ALREADY_USED ? { kind: 'USED', use: link.use } : { kind: 'EXPIRED' };
    }
    return { kind: 'OPEN', link, choices: link.choices() };
  }
}
