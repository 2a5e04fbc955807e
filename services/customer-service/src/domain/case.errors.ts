/** Business rule codes of the customer-service service; the API maps each kind once to HTTP. */
export enum CaseErrorCode {
  CASE_NOT_FOUND = 'CASE_NOT_FOUND',
  ORDER_NOT_FOUND = 'ORDER_NOT_FOUND',
  CASE_ALREADY_CLAIMED = 'CASE_ALREADY_CLAIMED',
  CASE_NOT_CLAIMED = 'CASE_NOT_CLAIMED',
  CASE_RESOLVED = 'CASE_RESOLVED',
  NOT_CASE_ASSIGNEE = 'NOT_CASE_ASSIGNEE',
  SUPERVISOR_ONLY = 'SUPERVISOR_ONLY',
  NO_PENDING_SHORTAGE = 'NO_PENDING_SHORTAGE',
  DECISION_ALREADY_RECORDED = 'DECISION_ALREADY_RECORDED',
  DECISION_INVALID = 'DECISION_INVALID',
  SLA_NOT_DUE = 'SLA_NOT_DUE',
  CASE_CHANGED_CONCURRENTLY = 'CASE_CHANGED_CONCURRENTLY',
}

export type CaseErrorKind = 'not-found' | 'conflict' | 'forbidden' | 'invalid';

/** A refused command. `current` tells a client what the case looks like now (for 409s). */
export class CaseRuleError extends Error {
  constructor(
    readonly code: CaseErrorCode,
    readonly kind: CaseErrorKind,
    message: string,
    readonly current?: { status: string; version: number },
  ) {
    super(message);
    this.name = 'CaseRuleError';
  }
}

export function caseNotFound(id: string): CaseRuleError {
  return new CaseRuleError(CaseErrorCode.CASE_NOT_FOUND, 'not-found', `Case ${id} does not exist.`);
}
