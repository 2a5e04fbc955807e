import { HttpException } from '@nestjs/common';

export interface ProblemInit {
  status: number;
  type?: string;
  title?: string;
  detail?: string;
  extensions?: Record<string, unknown>;
  headers?: Record<string, string>;
}

// An HTTP failure that already knows its problem+json fields and extra headers (Allow,
// Retry-After, WWW-Authenticate). Used by the platform itself; services throw DomainExceptions.
export class ProblemException extends HttpException {
  constructor(readonly problem: ProblemInit) {
    super(problem.detail ?? problem.title ?? 'Error', problem.status);
  }
}
