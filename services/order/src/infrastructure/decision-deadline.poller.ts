import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { Metrics } from '@askfirst/platform';
import { ApplyDeadlineFallbackUseCase, DeadlineFallbackFailedError } from '../application/apply-deadline-fallback.usecase';

export const DEADLINE_POLL_MS = Symbol('askfirst:order-deadline-poll-ms');

/**
 * The durable scheduler for decision deadlines (I4): deadlines live in the orders table, so a
 * restart loses none; each tick applies every due fallback, one order per transaction, and
 * replicas share the work through FOR UPDATE SKIP LOCKED.
 */
@Injectable()
export class DecisionDeadlinePoller implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(DecisionDeadlinePoller.name);
  private readonly applied: ReturnType<Metrics['counter']>;
  private readonly failed: ReturnType<Metrics['counter']>;
  private timer?: NodeJS.Timeout;
  private tick?: Promise<void>;
  private running = false;

  constructor(
    private readonly fallback: ApplyDeadlineFallbackUseCase,
    @Inject(DEADLINE_POLL_MS) private readonly intervalMs: number,
    metrics: Metrics,
  ) {
    this.applied = metrics.counter({ name: 'order_deadline_fallbacks_total', help: 'Decision deadlines that passed and applied the shopper\'s fallback.' });
    this.failed = metrics.counter({ name: 'order_deadline_fallback_failures_total', help: 'Due fallbacks that could not be applied (retried next tick).' });
  }

  onApplicationBootstrap(): void {
    this.running = true;
    this.schedule(0);
  }

  // First shutdown phase: no fallback starts while the rest of the app winds down.
  async onModuleDestroy(): Promise<void> {
    this.running = false;
    clearTimeout(this.timer);
    await this.tick;
  }

  private schedule(delayMs: number): void {
    if (!this.running) return;
    this.timer = setTimeout(() => {
      this.tick = this.applyDue().finally(() => this.schedule(this.intervalMs));
    }, delayMs);
  }

  private async applyDue(): Promise<void> {
    // An order whose fallback fails is skipped for the rest of this tick, so it cannot starve the others.
    const skip: string[] = [];
    while (this.running) {
      try {
        if (!(await this.fallback.executeNext(new Date(), skip))) return;
        this.applied.inc();
      } catch (error) {
        this.failed.inc();
        this.logger.error(String(error), (error as Error).stack);
        if (!(error instanceof DeadlineFallbackFailedError)) return; // the database itself failed: wait for the next tick
        skip.push(error.orderId);
      }
    }
  }
}
