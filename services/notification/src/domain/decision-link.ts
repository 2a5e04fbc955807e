import { choicesFor, DecisionChoice, DecisionOffer } from './decision-offer';

export enum DecisionLinkErrorCode {
  ALREADY_USED = 'ALREADY_USED',
  EXPIRED = 'EXPIRED',
  UNKNOWN_CHOICE = 'UNKNOWN_CHOICE',
}

export class DecisionLinkError extends Error {
  constructor(readonly code: DecisionLinkErrorCode, message: string) {
    super(message);
    this.name = 'DecisionLinkError';
  }
}

/** How the order service answered the shopper's choice. */
export enum LinkUseOutcome {
  ACCEPTED = 'ACCEPTED',
  /** 409: already decided (by an agent, the fallback, or another device) or past the deadline. */
  TOO_LATE = 'TOO_LATE',
}

export interface LinkUse {
  usedAt: Date;
  choice: string;
  outcome: LinkUseOutcome;
}

export interface DecisionLinkProps {
  id: string;
  noticeId: string;
  offer: DecisionOffer;
  expiresAt: Date;
  use: LinkUse | null;
}

/** A signed, expiring, single-use way for the shopper to answer a shortage. */
export class DecisionLink {
  private constructor(private props: DecisionLinkProps) {}

  static issue(id: string, noticeId: string, offer: DecisionOffer): DecisionLink {
    return new DecisionLink({ id, noticeId, offer, expiresAt: offer.deadline, use: null });
  }

  static restore(props: DecisionLinkProps): DecisionLink {
    return new DecisionLink({ ...props });
  }

  get id() { return this.props.id; }
  get noticeId() { return this.props.noticeId; }
  get offer() { return this.props.offer; }
  get expiresAt() { return this.props.expiresAt; }
  get use() { return this.props.use; }

  choices(): DecisionChoice[] {
    return choicesFor(this.props.offer);
  }

  /** What the page may show: refuses a used or expired link. */
  assertOpen(now: Date): void {
    if (this.props.use) throw new DecisionLinkError(DecisionLinkErrorCode.ALREADY_USED, 'This link was already used.');
    if (now.getTime() >= this.props.expiresAt.getTime()) throw new DecisionLinkError(DecisionLinkErrorCode.EXPIRED, 'This link has expired.');
  }

  /** The shopper picked a button; only choices this link offered are accepted. */
  choose(value: string, now: Date): DecisionChoice {
    this.assertOpen(now);
    const choice = this.choices().find((c) => c.value === value);
    if (!choice) throw new DecisionLinkError(DecisionLinkErrorCode.UNKNOWN_CHOICE, 'That choice is not one this link offered.');
    return choice;
  }

  /** The order service answered: the link is spent either way. */
  markUsed(choice: DecisionChoice, outcome: LinkUseOutcome, now: Date): void {
    // No expiry check here: the order service has already answered, and that answer stands.
    if (this.props.use) throw new DecisionLinkError(DecisionLinkErrorCode.ALREADY_USED, 'This link was already used.');
    this.props.use = { usedAt: now, choice: choice.value, outcome };
  }

  lineIds(): string[] {
    return this.props.offer.shortItems.map((i) => i.lineId);
  }
}
