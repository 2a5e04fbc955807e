import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { OrderState } from '@askfirst/contracts';

/** How long one count is reused: a burst of POST /orders costs one query per interval, not one each. */
export const BEING_RESERVED_REFRESH_MS = 250;

/**
 * Orders placed and not yet confirmed — PLACED or RESERVING: waiting for inventory's answer (the
 * reservation, or a substitute for a short line) — counted across every replica from the orders
 * table (a partial index keeps the count cheap). The number that grows when the saga downstream
 * cannot keep up with the orders coming in.
 */
@Injectable()
export class OrdersBeingReserved {
  private cached?: { value: number; at: number };
  private inFlight?: Promise<number>;
  /** Orders this process let in since the count it is reusing was taken. */
  private admittedSinceCount = 0;

  constructor(private readonly dataSource: DataSource) {}

  async count(now = Date.now()): Promise<number> {
    if (this.cached && now - this.cached.at < BEING_RESERVED_REFRESH_MS) return this.cached.value;
    this.inFlight ??= this.query().finally(() => (this.inFlight = undefined));
    return this.inFlight;
  }

  /**
   * Lets one more order in if the last count plus the orders this process let in since then stays
   * under `limit`. Without that budget a count just under the limit let in every request of the
   * next 250 ms, the retries of earlier refusals included, and the door swung between the two: in
   * the benchmark's 100/s phase, seconds in which it let no order in alternated with seconds of 150.
   * Another replica has its own budget, so N replicas may overshoot by N - 1 budgets at most.
   */
  async admit(limit: number, now = Date.now()): Promise<{ admitted: boolean; reserving: number }> {
    const reserving = (await this.count(now)) + this.admittedSinceCount;
    if (reserving >= limit) return { admitted: false, reserving };
    this.admittedSinceCount++;
    return { admitted: true, reserving };
  }

  private async query(): Promise<number> {
    const [row]: { n: number }[] = await this.dataSource.query(`SELECT count(*)::int AS n FROM orders WHERE state IN ($1, $2)`, [OrderState.PLACED, OrderState.RESERVING]);
    this.cached = { value: row.n, at: Date.now() };
    this.admittedSinceCount = 0;
    return row.n;
  }
}
