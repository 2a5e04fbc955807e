import { CaseState } from '../domain/case.aggregate';

/** A case with where it stands in its queue (null once an agent has it). */
export interface CaseStatusView {
  case: CaseState;
  queuePosition: number | null;
}
