import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { ApplyDeadlineFallbackUseCase } from '../application/apply-deadline-fallback.usecase';

export const DEADLINE_POLL_MS = Symbol('askfirst:order-deadline-poll-ms');

/**
 * The durable scheduler for decision deadlines (I4): deadlines live in the orders table, so a
 * restart loses none; each tick applies every due fallback, one order per transaction, and
 * replicas share the work through FOR UPDATE SKIP LOCKED.
 */
@Injectable()
export class DecisionDeadlinePoller implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(DecisionDeadlinePoller.name);
  private timer?: NodeJS.Timeout;
  private tick?: Promise<void>;
  private running = false;

  constructor(private readonly fallback: ApplyDeadlineFallbackUseCase, @Inject(DEADLINE_POLL_MS) private readonly intervalMs: number) {}

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
    try {
      while (this.running && (await this.fallback.executeNext(new Date()))) {
        /* next due order */
      }
    } catch (error) {
      // The row stays due and is tried again next tick.
      this.logger.error(`applying a decision-deadline fallback failed: ${String(error)}`, (error as Error).stack);
    }
  }
}
