import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import { requestPath, type HttpRequest, type HttpResponse } from '../http/http.types';
import { RequestContext } from '../logging/request-context';
import { RequestValidationException } from '../validation/request-validation.exception';
import { DomainException } from './domain.exception';
import { ProblemException } from './problem.exception';
import { isTransientInfrastructureError } from './transient-error';
import { PROBLEM_CONTENT_TYPE, problemType, type ProblemDetails } from './problem-details.model';

interface Mapped {
  problem: ProblemDetails;
  headers?: Record<string, string>;
}

// body-parser error types (carried as the HttpException's cause) that deserve a clearer detail
// than the parser's own message, which may echo a fragment of the body.
const BODY_ERROR_DETAILS: Record<string, (cause: { limit?: number }) => string> = {
  'entity.parse.failed': () => 'The request body is not valid JSON.',
  'entity.too.large': (cause) => `The request body exceeds the limit of ${cause.limit ?? 'the server'} bytes.`,
};

// The single place where any error becomes an RFC 9457 problem+json response.
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetails');

  // allowedMethods comes from the router; without it, unknown methods on known paths stay 404.
  constructor(private readonly allowedMethods: (req: HttpRequest) => string[] = () => []) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const req = host.switchToHttp().getRequest<HttpRequest>();
    const res = host.switchToHttp().getResponse<HttpResponse>();
    const { problem, headers } = this.map(exception, req);

    problem.instance ??= requestPath(req);
    const correlationId = RequestContext.correlationId() ?? req.correlationId;
    if (correlationId) problem.correlationId = correlationId;

    if (res.headersSent) {
      // Too late for a problem body; cut the connection so the client sees a failure.
      res.destroy();
      return;
    }
    for (const [name, value] of Object.entries(headers ?? {})) res.setHeader(name, value);
    res.setHeader('Content-Type', PROBLEM_CONTENT_TYPE);
    res.statusCode = problem.status;
    res.end(JSON.stringify(problem));
  }

  private map(exception: unknown, req: HttpRequest): Mapped {
    if (exception instanceof DomainException) {
      return {
        problem: {
          ...exception.extensions,
          type: problemType(exception.typeSlug),
          title: exception.title,
          status: exception.status,
          detail: exception.detail,
          code: exception.code,
        },
      };
    }
    if (exception instanceof RequestValidationException) {
      return {
        problem: {
          type: problemType('validation-failed'),
          title: 'Request validation failed',
          status: HttpStatus.BAD_REQUEST,
          detail: `${exception.errors.length} validation error(s) in the request.`,
          errors: exception.errors,
        },
      };
    }
    if (exception instanceof ProblemException) {
      const { status, type, title, detail, extensions, headers } = exception.problem;
      return {
        problem: { ...extensions, type: type ?? 'about:blank', title: title ?? statusTitle(status), status, detail },
        headers,
      };
    }
    if (exception instanceof HttpException && exception.getStatus() < 500) {
      return this.mapHttpException(exception, req);
    }
    if (isTransientInfrastructureError(exception)) {
      // An outage, not a bug: say so, so clients retry (with the same Idempotency-Key) and alerts tell the two apart.
      this.logger.warn(`${req.method} ${requestPath(req)}: dependency unavailable: ${String((exception as Error)?.message ?? exception)}`);
      return {
        problem: blank(HttpStatus.SERVICE_UNAVAILABLE, 'A dependency is temporarily unavailable; retry shortly (with the same Idempotency-Key for a POST).'),
        headers: { 'Retry-After': '2' },
      };
    }
    const status = exception instanceof HttpException ? exception.getStatus() : HttpStatus.INTERNAL_SERVER_ERROR;
    return this.unexpected(exception, req, status);
  }

  private mapHttpException(exception: HttpException, req: HttpRequest): Mapped {
    const status = exception.getStatus();
    // No req.route: Nest's catch-all answered, no route matched (a handler's own 404 has one).
    if (status === HttpStatus.NOT_FOUND && !req.route) {
      const allowed = this.allowedMethods(req);
      if (allowed.length > 0 && !allowed.includes(req.method)) {
        return {
          problem: blank(HttpStatus.METHOD_NOT_ALLOWED, `${req.method} is not allowed on this resource.`),
          headers: { Allow: allowed.join(', ') },
        };
      }
      return { problem: blank(status, `No route matches ${req.method} ${requestPath(req)}.`) };
    }
    return { problem: blank(status, this.detailOf(exception)) };
  }

  private detailOf(exception: HttpException): string | undefined {
    const cause = exception.cause as { type?: string; limit?: number } | undefined;
    const known = cause?.type ? BODY_ERROR_DETAILS[cause.type] : undefined;
    if (known) return known(cause!);
    const body = exception.getResponse();
    if (typeof body === 'string') return body;
    const message = (body as { message?: unknown }).message;
    if (Array.isArray(message)) return message.join('; ');
    return typeof message === 'string' ? message : exception.message;
  }

  // 5xx never shows internals: the client gets a generic detail, the log gets the stack.
  private unexpected(exception: unknown, req: HttpRequest, status: number): Mapped {
    const stack = exception instanceof Error ? exception.stack : String(exception);
    this.logger.error(`Unhandled error on ${req.method} ${requestPath(req)}`, stack);
    return { problem: blank(status, 'An unexpected error occurred. Quote the correlation id when reporting it.') };
  }
}

function statusTitle(status: number): string {
  return STATUS_CODES[status] ?? 'Error';
}

function blank(status: number, detail?: string): ProblemDetails {
  return { type: 'about:blank', title: statusTitle(status), status, detail };
}
