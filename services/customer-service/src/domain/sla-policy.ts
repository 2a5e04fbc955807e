import { CaseType } from '@askfirst/contracts';
import { CaseQueue } from './case-status';

/** Seconds until the first human contact is due, per case type (configurable per deployment). */
export type SlaSeconds = Record<CaseType, number>;

export const DEFAULT_SLA_SECONDS: SlaSeconds = {
  [CaseType.SHORTAGE_CONTACT]: 300,
  [CaseType.SHOPPER_ASKED_FOR_HUMAN]: 120,
  [CaseType.UNREACHABLE_SHOPPER]: 300,
  [CaseType.ESCALATION]: 600,
};

export const MAX_PRIORITY = 10;
const BREACH_PRIORITY_BOOST = 3;

// Higher is more urgent. An unreachable shopper may have money waiting on a notice (I2).
const INITIAL_PRIORITY: Record<CaseType, number> = {
  [CaseType.SHORTAGE_CONTACT]: 5,
  [CaseType.SHOPPER_ASKED_FOR_HUMAN]: 5,
  [CaseType.UNREACHABLE_SHOPPER]: 6,
  [CaseType.ESCALATION]: 7,
};

export class SlaPolicy {
  constructor(private readonly seconds: SlaSeconds = DEFAULT_SLA_SECONDS) {}

  dueAt(type: CaseType, openedAt: Date): Date {
    return new Date(openedAt.getTime() + this.seconds[type] * 1000);
  }

  initialPriority(type: CaseType): number {
    return INITIAL_PRIORITY[type];
  }

  /** KEEP_HOLDING escalations belong to supervisors from the start. */
  initialQueue(type: CaseType): CaseQueue {
    return type === CaseType.ESCALATION ? CaseQueue.SUPERVISOR : CaseQueue.AGENT;
  }

  escalatedPriority(priority: number): number {
    return Math.min(MAX_PRIORITY, priority + BREACH_PRIORITY_BOOST);
  }
}
