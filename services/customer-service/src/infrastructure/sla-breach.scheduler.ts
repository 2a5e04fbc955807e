import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { BreachOverdueCasesUseCase } from '../application/breach-overdue-cases.usecase';
import { WithdrawReachedShopperCasesUseCase } from '../application/withdraw-reached-shopper-cases.usecase';

export const SLA_SCHEDULER_OPTIONS = Symbol('SLA_SCHEDULER_OPTIONS');

export interface SlaSchedulerOptions {
  pollMs: number;
  batchSize: number;
}

/**
 * Drives the SLA clock: the deadlines live in the cases table, this loop only polls them, so a
 * restart loses nothing and several replicas share the work (FOR UPDATE SKIP LOCKED). The same
 * sweep closes UNREACHABLE_SHOPPER cases whose notices got through after all, before they breach.
 */
@Injectable()
export class SlaBreachScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(SlaBreachScheduler.name);
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;

  constructor(
    private readonly breachOverdue: BreachOverdueCasesUseCase,
    private readonly withdrawReached: WithdrawReachedShopperCasesUseCase,
    @Inject(SLA_SCHEDULER_OPTIONS) private readonly options: SlaSchedulerOptions,
  ) {}

  onApplicationBootstrap(): void {
    this.running = true;
    this.loop = this.run();
  }

  /** Finishes the sweep in flight (its transaction commits or rolls back whole), then stops. */
  async beforeApplicationShutdown(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  private async run(): Promise<void> {
    while (this.running) {
      let full = false;
      try {
        const withdrawn = await this.withdrawReached.execute(this.options.batchSize);
        const breached = await this.breachOverdue.execute(this.options.batchSize);
        full = Math.max(withdrawn, breached) >= this.options.batchSize;
      } catch (error) {
        this.logger.error({ msg: 'SLA sweep failed; retrying at the next tick', error: String(error) });
      }
      if (!full) await this.sleep(this.options.pollMs);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      const self = this;
      function done() {
        clearTimeout(timer);
        self.wake = undefined;
        resolve();
      }
      this.wake = done;
    });
  }
}
