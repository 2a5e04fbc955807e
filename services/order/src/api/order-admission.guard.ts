import { CanActivate, Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { Metrics, ProblemException, problemType } from '@askfirst/platform';
import type { Counter } from 'prom-client';
import { OrdersBeingReserved } from '../infrastructure/orders-being-reserved';

export const ORDER_ADMISSION_LIMIT = Symbol('askfirst:order-admission-limit');

/**
 * Load shedding for POST /orders. When `limit` orders or more are still being reserved (not yet confirmed),
 * the pipeline behind this service is not keeping up: accepting more only makes every shopper wait
 * longer for a confirmation and grows every service's backlog and memory. The order is refused with
 * 503 + Retry-After before anything is written, so the client's retry (same Idempotency-Key) is safe.
 * A limit of 0 turns shedding off.
 */
@Injectable()
export class OrderAdmissionGuard implements CanActivate, OnModuleInit {
  private shed!: Counter;

  constructor(
    private readonly inProgress: OrdersBeingReserved,
    private readonly metrics: Metrics,
    @Inject(ORDER_ADMISSION_LIMIT) private readonly limit: number,
  ) {}

  onModuleInit(): void {
    this.shed = this.metrics.counter({ name: 'askfirst_orders_shed_total', help: 'POST /orders refused with 503 because too many orders were still being reserved.' });
    this.shed.inc(0);
    const inProgress = this.inProgress;
    this.metrics.gauge({
      name: 'askfirst_orders_being_reserved',
      help: 'Orders placed and not yet confirmed (PLACED or RESERVING), all replicas.',
      async collect() {
        // -1 while the database does not answer (as the outbox gauges): a scrape never fails for it.
        this.set(await inProgress.count().catch(() => -1));
      },
    });
  }

  async canActivate(): Promise<boolean> {
    if (this.limit <= 0) return true;
    const reserving = await this.inProgress.count();
    if (reserving < this.limit) return true;
    this.shed.inc();
    throw new ProblemException({
      status: 503,
      type: problemType('overloaded'),
      title: 'Too many orders in progress',
      detail: `${reserving} orders are still being reserved (limit ${this.limit}); nothing was placed. Retry shortly, with the same Idempotency-Key.`,
      extensions: { beingReserved: reserving, limit: this.limit },
      headers: { 'Retry-After': '2' },
    });
  }
}
