import { CaseType } from '@askfirst/contracts';

/** SLA figures over cases opened in a window, per case type and in total (`caseType: null`). */
export interface SlaFigures {
  caseType: CaseType | null;
  opened: number;
  /** Cases whose clock still runs (no contact, no breach, not resolved). */
  running: number;
  contacted: number;
  breached: number;
  /** Breached, still unresolved, and nobody has contacted the shopper yet. */
  waitingPastDeadline: number;
  /** breached / (cases whose clock has stopped: contacted or breached); null when none has. */
  breachRatio: number | null;
  /** Over contacted and breached cases; a breached case without contact counts as the time it has waited so far. */
  timeToHumanP50Seconds: number | null;
  timeToHumanP95Seconds: number | null;
}
