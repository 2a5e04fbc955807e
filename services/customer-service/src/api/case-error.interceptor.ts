import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { catchError, Observable, throwError } from 'rxjs';
import { CaseRuleError } from '../domain/case.errors';
import { CaseProblemException } from './case-problem.exception';

/** The one place where the domain's refusals become HTTP problems. */
@Injectable()
export class CaseErrorInterceptor implements NestInterceptor {
  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(catchError((error) => throwError(() => (error instanceof CaseRuleError ? new CaseProblemException(error) : error))));
  }
}
