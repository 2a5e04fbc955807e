import { CaseType, ShortageResolution } from '@askfirst/contracts';
import { CaseQueue, ContactOutcome } from './case-status';

/** Facts the Case aggregate records; the application turns them into versioned contract events. */
export type CaseEvent =
  | { kind: 'opened'; slaDueAt: Date; priority: number; queue: CaseQueue }
  | { kind: 'agent-joined'; agentId: string; joinedAt: Date }
  | { kind: 'contact-attempted'; attemptId: string; agentId: string; outcome: ContactOutcome; note?: string; at: Date; firstContact: boolean }
  | { kind: 'decision-recorded'; agentId: string; decision: RecordedDecision; note?: string }
  | { kind: 'sla-breached'; dueAt: Date; breachedAt: Date; escalatedTo: CaseQueue; priority: number }
  | { kind: 'resolved'; by: string; summary?: string; at: Date };

/** What the shopper told an agent, kept on the case so it is recorded once. */
export interface RecordedDecision {
  decisionId: string;
  resolution: ShortageResolution;
  lineIds: string[];
  substituteSku?: string;
  recordedAt: string;
  agentId: string;
}

export interface CaseIdentity {
  id: string;
  orderId: string;
  shopperId: string;
  type: CaseType;
}
