/**
 * The sleep of a polling loop that other code can cut short. wake() means "there is new work": it
 * ends the current sleep, or, when the loop is busy, the next one before it starts, so a wake is
 * never lost. interrupt() only ends the current sleep or pause (shutdown, a freed slot).
 */
export class LoopWaker {
  private pending = false;
  private cut?: () => void;

  wake(): void {
    this.pending = true;
    this.cut?.();
  }

  interrupt(): void {
    this.cut?.();
  }

  /** Until `ms` have passed or wake(); at once if woken since the last sleep. */
  sleep(ms: number): Promise<void> {
    if (this.pending) {
      this.pending = false;
      return Promise.resolve();
    }
    return this.wait(ms, true);
  }

  /** Until `ms` have passed, wake() or interrupt(); a wake stays pending for the next sleep (failure backoff). */
  pause(ms: number): Promise<void> {
    return this.wait(ms, false);
  }

  private wait(ms: number, consumesWake: boolean): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        if (this.cut === done) this.cut = undefined;
        if (consumesWake) this.pending = false;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.cut = done;
    });
  }
}
