import { DomainException } from '@askfirst/platform';
import { CaseErrorCode, CaseErrorKind, CaseRuleError } from '../domain/case.errors';

const STATUS_OF: Record<CaseErrorKind, number> = { 'not-found': 404, conflict: 409, forbidden: 403, invalid: 422 };

/** A refused case command as problem+json; 409s carry the case's `current` status and version. */
export class CaseProblemException extends DomainException<CaseErrorCode> {
  readonly status: number;

  constructor(error: CaseRuleError) {
    super(error.code, error.message, error.current ? { current: error.current } : {});
    this.status = STATUS_OF[error.kind];
  }
}
