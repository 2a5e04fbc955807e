/** Where a case is in its life: waiting for an agent, taken by one, or closed. */
export enum CaseStatus {
  OPEN = 'OPEN',
  CLAIMED = 'CLAIMED',
  RESOLVED = 'RESOLVED',
}

/** Which queue a case waits in: agents, or supervisors (escalations and SLA breaches). */
export enum CaseQueue {
  AGENT = 'AGENT',
  SUPERVISOR = 'SUPERVISOR',
}

/** What an agent logged after trying to reach the shopper. */
export enum ContactOutcome {
  CALLED = 'CALLED',
  NO_ANSWER = 'NO_ANSWER',
  MESSAGE_LEFT = 'MESSAGE_LEFT',
  REACHED = 'REACHED',
}

/** The staff member acting on a case; supervisors may act on any case, agents on their own. */
export interface CaseActor {
  id: string;
  role: 'agent' | 'supervisor';
}
