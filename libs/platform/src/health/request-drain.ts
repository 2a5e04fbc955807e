import { HttpStatus, Injectable, OnModuleDestroy } from '@nestjs/common';
import { requestPath, type HttpMiddleware } from '../http/http.types';
import { problemType } from '../problem/problem-details.model';
import { ProblemException } from '../problem/problem.exception';
import { ReadinessState } from './readiness.state';

// Probes and scrapes are answered to the end; every other request is refused once shutdown starts.
const ALWAYS_SERVED = /^\/(health|metrics)(\/|$)/;
export const DRAIN_TIMEOUT_MS = 10_000;

/**
 * Once shutdown starts, new requests get 503 (the client retries, with the same Idempotency-Key),
 * and the requests already running finish in Nest's first shutdown hook (onModuleDestroy). So the
 * outbox flush and consumer stop, which run in later hooks, see every row those requests commit;
 * Nest itself closes the HTTP server only after all of them.
 */
@Injectable()
export class RequestDrain implements OnModuleDestroy {
  private inFlight = 0;
  private drained?: () => void;

  constructor(private readonly readiness: ReadinessState) {}

  readonly middleware: HttpMiddleware = (req, res, next) => {
    if (this.readiness.isShuttingDown && !ALWAYS_SERVED.test(requestPath(req))) {
      res.setHeader('Connection', 'close');
      next(new ProblemException({
        status: HttpStatus.SERVICE_UNAVAILABLE,
        type: problemType('not-ready'),
        title: 'Service not ready',
        detail: 'The service is shutting down; retry shortly (with the same Idempotency-Key for a POST).',
        headers: { 'Retry-After': '1' },
      }));
      return;
    }
    this.inFlight += 1;
    res.once('close', () => {
      this.inFlight -= 1;
      if (this.inFlight === 0) this.drained?.();
    });
    next();
  };

  async onModuleDestroy(): Promise<void> {
    this.readiness.markShuttingDown(); // also when the app is closed without a signal
    if (this.inFlight === 0) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, DRAIN_TIMEOUT_MS);
      this.drained = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}
