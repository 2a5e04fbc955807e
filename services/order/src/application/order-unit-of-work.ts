import { Injectable } from '@nestjs/common';
import { EventDefinition, Events, OrderState } from '@askfirst/contracts';
import type { EventEnvelope } from '@askfirst/contracts';
import { EventContext, OutboxTransaction, TransactionalOutbox, UnprocessableEventError } from '@askfirst/messaging';
import { RequestContext } from '@askfirst/platform';
import { OrderRuleError } from '../domain/order-errors';
import { Order } from '../domain/order.aggregate';
import { OrderRepository } from '../infrastructure/order.repository';
import { TimelineRepository } from '../infrastructure/timeline.repository';
import { OrderNotFoundError } from './order-errors';
import { OrderView } from './order-view';
import { TimelineEntry, TimelineKind } from './timeline-entry';
import { summarizeEvent } from './timeline-summary';

/**
 * What every use case does around its one aggregate call: run in one transaction (a request's own,
 * or the consumer's inbox transaction), lock the order, save it, publish its events through the
 * outbox and write them to the timeline — all committed together (I6).
 */
@Injectable()
export class OrderUnitOfWork {
  constructor(
    private readonly outbox: TransactionalOutbox,
    private readonly orders: OrderRepository,
    private readonly timeline: TimelineRepository,
  ) {}

  transaction<T>(tx: OutboxTransaction | undefined, work: (tx: OutboxTransaction) => Promise<T>): Promise<T> {
    return tx ? work(tx) : this.outbox.run(work);
  }

  /** Loads the order FOR UPDATE: whoever holds the row decides, the rest see the outcome. */
  async lock(tx: OutboxTransaction, orderId: string): Promise<Order> {
    const order = await this.orders.find(tx.manager, orderId, { lock: true });
    if (!order) throw new OrderNotFoundError(orderId);
    return order;
  }

  async find(tx: OutboxTransaction, orderId: string, options: { lock?: boolean } = {}): Promise<Order | undefined> {
    return this.orders.find(tx.manager, orderId, options);
  }

  /** `before`: timeline entries that precede the order's own events (the fact that caused them), written in the same statement. */
  async save(tx: OutboxTransaction, order: Order, before: readonly TimelineEntry[] = []): Promise<void> {
    await this.write(tx, order, before, false);
  }

  /**
   * Saves a just-placed order and returns its view. Its id is new, so its whole timeline is what this
   * save wrote: the insert returns it instead of a second read.
   */
  async saveNew(tx: OutboxTransaction, order: Order): Promise<OrderView> {
    return this.viewWith(order, await this.write(tx, order, [], true));
  }

  private async write(tx: OutboxTransaction, order: Order, before: readonly TimelineEntry[], returning: boolean): Promise<TimelineEntry[]> {
    await this.orders.save(tx.manager, order);
    // Events keep the saga's correlation id even when no request or event started the work (the deadline poller).
    const correlationId = EventContext.current()?.correlationId ?? RequestContext.correlationId() ?? order.correlationId;
    const entries: TimelineEntry[] = order.pullEvents().map(({ key, data }) => {
      const envelope = tx.publish(Events[key] as EventDefinition<object>, data, { subject: order.id, correlationId });
      return {
        orderId: order.id, at: new Date(envelope.time), kind: TimelineKind.PUBLISHED, eventType: envelope.type, eventId: envelope.id,
        summary: summarizeEvent(envelope.type, data, order.currency), data,
      };
    });
    return this.timeline.append(tx.manager, [...before, ...entries], { returning });
  }

  /**
   * Applies another service's fact to the order in the consumer's transaction, with the fact in the
   * timeline. A fact the order can never accept goes to the dead-letter topic; stock facts that
   * arrive after a cancellation are kept in the timeline and change nothing (inventory releases
   * everything on order.cancelled), as is a fact `change` declares `ignored` (saying why).
   */
  async applyFact(
    tx: OutboxTransaction, orderId: string, envelope: EventEnvelope<object>, change: (order: Order, now: Date) => void | { ignored: string },
  ): Promise<void> {
    const order = await this.find(tx, orderId, { lock: true });
    if (!order) throw new UnprocessableEventError(`${envelope.type} is about order ${orderId}, which does not exist`);
    if (order.state === OrderState.CANCELLED && envelope.source === 'inventory') {
      return this.recordConsumed(tx, orderId, envelope, TimelineKind.IGNORED, 'the order was already cancelled');
    }
    const consumed = consumedEntry(orderId, envelope);
    let outcome: void | { ignored: string };
    try {
      outcome = change(order, new Date());
    } catch (error) {
      if (error instanceof OrderRuleError) throw new UnprocessableEventError(`${envelope.type} ${envelope.id}: ${error.message}`);
      throw error;
    }
    if (outcome) return this.recordConsumed(tx, orderId, envelope, TimelineKind.IGNORED, outcome.ignored);
    await this.save(tx, order, [consumed]);
  }

  /** Records an event another service published about this order. */
  async recordConsumed(tx: OutboxTransaction, orderId: string, envelope: EventEnvelope<object>, kind = TimelineKind.CONSUMED, note?: string): Promise<void> {
    await this.timeline.append(tx.manager, [consumedEntry(orderId, envelope, kind, note)]);
  }

  async note(tx: OutboxTransaction, entry: TimelineEntry): Promise<void> {
    await this.timeline.append(tx.manager, [entry]);
  }

  async view(tx: OutboxTransaction, order: Order): Promise<OrderView> {
    return this.viewWith(order, await this.timeline.forOrder(tx.manager, order.id));
  }

  private viewWith(order: Order, timeline: TimelineEntry[]): OrderView {
    const waiting = order.waiting();
    return { order: order.snapshot(), ...(waiting ? { waiting } : {}), waitingLineIds: order.waitingLineIds(), timeline };
  }
}

function consumedEntry(orderId: string, envelope: EventEnvelope<object>, kind = TimelineKind.CONSUMED, note?: string): TimelineEntry {
  const summary = summarizeEvent(envelope.type, envelope.data as Record<string, unknown>);
  return { orderId, at: new Date(), kind, eventType: envelope.type, eventId: envelope.id, summary: note ? `${summary} — ${note}` : summary, data: envelope.data };
}
