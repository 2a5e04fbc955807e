import { DecisionLink, LinkUse } from '../domain/decision-link';
import { DecisionChoice } from '../domain/decision-offer';

/** Why a link cannot be acted on; each has its own page. */
export type LinkRefusal =
  | { kind: 'INVALID' }
  | { kind: 'EXPIRED' }
  | { kind: 'NOT_FOUND' }
  | { kind: 'USED'; use: LinkUse | null };

export type OpenLinkOutcome = LinkRefusal | { kind: 'OPEN'; link: DecisionLink; choices: DecisionChoice[] };

export type DecideOutcome =
  | LinkRefusal
  | { kind: 'UNKNOWN_CHOICE' }
  | { kind: 'ACCEPTED'; link: DecisionLink; choice: DecisionChoice }
  | { kind: 'TOO_LATE'; link: DecisionLink; choice: DecisionChoice; detail?: string }
  | { kind: 'UNAVAILABLE' };
