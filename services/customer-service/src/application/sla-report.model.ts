import { CaseType } from '@askfirst/contracts';

/** SLA figures over cases opened in a window, per case type and in total (`caseType: null`). */
export interface SlaFigures {
  caseType: CaseType | null;
  opened: number;
  /** Cases whose clock still runs (no contact, no breach, not resolved). */
  running: number;
  contacted: number;
  breached: number;
  /** breached / (cases whose clock has stopped: contacted or breached); null when none has. */
  breachRatio: number | null;
  timeToHumanP50Seconds: number | null;
  timeToHumanP95Seconds: number | null;
}
