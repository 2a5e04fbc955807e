import { Injectable } from '@nestjs/common';
import {
  EventEnvelope, Events, OrderAwaitingShopperDecisionV1, OrderBackorderFilledV1, OrderCancelledV1, OrderHeldV1,
  OrderLineBackorderedV1, OrderLineRefundApprovedV1, OrderLineSubstitutedV1,
} from '@askfirst/contracts';
import { OnEvent, OutboxTransaction } from '@askfirst/messaging';
import { CreateNoticeUseCase } from '../application/create-notice.usecase';
import { NoticeKind } from '../domain/notice-kind';
import { causeOf, decisionAccountOf } from './notice-cause';

/** Every outcome of a shortage, and the question when the shopper asked to be contacted. */
@Injectable()
export class ShortageNoticesHandler {
  constructor(private readonly createNotice: CreateNoticeUseCase) {}

  @OnEvent(Events.orderAwaitingShopperDecision)
  async onAwaitingDecision(envelope: EventEnvelope<OrderAwaitingShopperDecisionV1>, tx: OutboxTransaction): Promise<void> {
    const d = envelope.data;
    await this.createNotice.execute(tx, causeOf(envelope), {
      kind: NoticeKind.DECISION_NEEDED,
      orderId: d.orderId,
      shortItems: d.shortLines.map((l) => ({
        lineId: l.lineId,
        sku: l.sku,
        name: l.name,
        quantityOrdered: l.quantityOrdered,
        quantityShort: l.quantityShort,
        restockEta: l.restockEta ? new Date(l.restockEta) : undefined,
        substitutes: l.substitutes.map((s) => ({ sku: s.sku, name: s.name })),
      })),
      options: d.options,
      deadline: new Date(d.decisionDeadline),
      fallback: d.fallback,
    });
  }

  @OnEvent(Events.orderLineRefundApproved)
  async onRefundApproved(envelope: EventEnvelope<OrderLineRefundApprovedV1>, tx: OutboxTransaction): Promise<void> {
    const d = envelope.data;
    await this.createNotice.execute(
      tx,
      causeOf(envelope),
      {
        kind: NoticeKind.LINE_REFUND_APPROVED,
        orderId: d.orderId,
        item: { lineId: d.lineId, sku: d.sku, name: d.name, quantity: d.quantity },
        amountCents: d.amountCents,
        decision: decisionAccountOf(d.decision),
      },
      [d.refundId],
    );
  }

  @OnEvent(Events.orderLineSubstituted)
  async onSubstituted(envelope: EventEnvelope<OrderLineSubstitutedV1>, tx: OutboxTransaction): Promise<void> {
    const d = envelope.data;
    await this.createNotice.execute(tx, causeOf(envelope), {
      kind: NoticeKind.LINE_SUBSTITUTED,
      orderId: d.orderId,
      item: { lineId: d.lineId, sku: d.fromSku, quantity: d.quantity },
      substituteName: d.toName,
      decision: decisionAccountOf(d.decision, d.toName),
    });
  }

  @OnEvent(Events.orderLineBackordered)
  async onBackordered(envelope: EventEnvelope<OrderLineBackorderedV1>, tx: OutboxTransaction): Promise<void> {
    const d = envelope.data;
    await this.createNotice.execute(tx, causeOf(envelope), {
      kind: NoticeKind.LINE_BACKORDERED,
      orderId: d.orderId,
      item: { lineId: d.lineId, sku: d.sku, quantity: d.quantity },
      decision: decisionAccountOf(d.decision),
    });
  }

  /** The back-order notice promised to tell the shopper when the item is on the shelf again. */
  @OnEvent(Events.orderBackorderFilled)
  async onBackorderFilled(envelope: EventEnvelope<OrderBackorderFilledV1>, tx: OutboxTransaction): Promise<void> {
    const d = envelope.data;
    await this.createNotice.execute(tx, causeOf(envelope), {
      kind: NoticeKind.BACKORDER_FILLED,
      orderId: d.orderId,
      item: { lineId: d.lineId, sku: d.sku, quantity: d.quantity },
    });
  }

  @OnEvent(Events.orderHeld)
  async onHeld(envelope: EventEnvelope<OrderHeldV1>, tx: OutboxTransaction): Promise<void> {
    const d = envelope.data;
    await this.createNotice.execute(tx, causeOf(envelope), {
      kind: NoticeKind.ORDER_HELD,
      orderId: d.orderId,
      decision: decisionAccountOf(d.decision),
      reviewBy: new Date(d.reviewBy),
    });
  }

  @OnEvent(Events.orderCancelled)
  async onCancelled(envelope: EventEnvelope<OrderCancelledV1>, tx: OutboxTransaction): Promise<void> {
    const d = envelope.data;
    await this.createNotice.execute(
      tx,
      causeOf(envelope),
      // `reason` is the order service's own wording; the notice words it from the decision instead.
      { kind: NoticeKind.ORDER_CANCELLED, orderId: d.orderId, refundAmountCents: d.refundAmountCents, decision: decisionAccountOf(d.decision) },
      d.refundId ? [d.refundId] : [],
    );
  }
}
