import { CaseType, DecisionSource, FallbackReason, ShortageResolution } from '@askfirst/contracts';
import { NoticeKind } from '../notice-kind';

/** An item as the shopper knows it; `name` is filled from the order when the event has only a SKU. */
export interface ItemRef {
  lineId?: string;
  sku: string;
  name?: string;
  quantity: number;
}

/** Who decided what, so the notice can say it in plain words (I1). */
export interface DecisionAccount {
  source: DecisionSource;
  resolution: ShortageResolution;
  lineIds: string[];
  substituteName?: string;
  /** For SHOPPER_PRESET_FALLBACK: why it applied; absent on events from before the order service said. */
  fallbackReason?: FallbackReason;
  /** For a NO_ANSWER fallback: the window the shopper gave us at checkout. */
  noAnswerMinutes?: number;
}

export interface ShortItem {
  lineId: string;
  sku: string;
  name: string;
  quantityOrdered: number;
  quantityShort: number;
  restockEta?: Date;
  substitutes: { sku: string; name: string }[];
}

export type NoticeFacts =
  | {
      kind: NoticeKind.ORDER_CONFIRMED;
      orderId: string;
      items: ItemRef[];
      /** Ordered units the confirmation does not carry; absent when we never saw the order placed. */
      missing?: ItemRef[];
    }
  | {
      kind: NoticeKind.DECISION_NEEDED;
      orderId: string;
      shortItems: ShortItem[];
      options: ShortageResolution[];
      deadline: Date;
      fallback: string;
      /** The signed decision link; absent only while it is being created. */
      link?: string;
    }
  | { kind: NoticeKind.LINE_REFUND_APPROVED; orderId: string; item: ItemRef; amountCents: number; decision: DecisionAccount }
  | { kind: NoticeKind.LINE_SUBSTITUTED; orderId: string; item: ItemRef; substituteName: string; decision: DecisionAccount }
  | { kind: NoticeKind.LINE_BACKORDERED; orderId: string; item: ItemRef; decision: DecisionAccount }
  | { kind: NoticeKind.BACKORDER_FILLED; orderId: string; item: ItemRef }
  | { kind: NoticeKind.ORDER_HELD; orderId: string; decision: DecisionAccount; reviewBy: Date }
  | {
      kind: NoticeKind.ORDER_CANCELLED;
      orderId: string;
      refundAmountCents: number;
      decision: DecisionAccount;
      /** What the shopper ordered, from order.placed; absent when we never saw it. */
      ordered?: ItemRef[];
    }
  | { kind: NoticeKind.ORDER_DISPATCHED; orderId: string }
  | { kind: NoticeKind.ORDER_DELIVERED; orderId: string }
  | { kind: NoticeKind.CASE_OPENED; orderId: string; caseType: CaseType; slaDueAt: Date }
  | { kind: NoticeKind.AGENT_JOINED; orderId: string; caseType: CaseType };
