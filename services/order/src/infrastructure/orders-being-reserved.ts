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

  constructor(private readonly dataSource: DataSource) {}

  async count(now = Date.now()): Promise<number> {
    if (this.cached && now - this.cached.at < BEING_RESERVED_REFRESH_MS) return this.cached.value;
    this.inFlight ??= this.query().finally(() => (this.inFlight = undefined));
    return this.inFlight;
  }

  private async query(): Promise<number> {
    const [row]: { n: number }[] = await this.dataSource.query(`SELECT count(*)::int AS n FROM orders WHERE state IN ($1, $2)`, [OrderState.PLACED, OrderState.RESERVING]);
    this.cached = { value: row.n, at: Date.now() };
    return row.n;
  }
}
