import { ContactOutcome } from '../domain/case-status';

/** A logged attempt to reach the shopper; the note is for staff only. */
export interface ContactAttemptRecord {
  id: string;
  caseId: string;
  agentId: string;
  outcome: ContactOutcome;
  note: string | null;
  at: Date;
}
