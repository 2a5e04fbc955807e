import { NoticeContent } from '../notice-content';
import { NoticeKind } from '../notice-kind';
import { agentJoined, caseOpened } from './case.templates';
import { NoticeFacts } from './notice-facts';
import { orderConfirmed, orderDelivered, orderDispatched } from './order-progress.templates';
import { backorderFilled, decisionNeeded, lineBackordered, lineRefundApproved, lineSubstituted, orderCancelled, orderHeld } from './shortage.templates';

/** Renders what a notice says from the facts of its causing event. */
export function composeNotice(facts: NoticeFacts): NoticeContent {
  switch (facts.kind) {
    case NoticeKind.ORDER_CONFIRMED:
      return orderConfirmed(facts);
    case NoticeKind.DECISION_NEEDED:
      return decisionNeeded(facts);
    case NoticeKind.LINE_REFUND_APPROVED:
      return lineRefundApproved(facts);
    case NoticeKind.LINE_SUBSTITUTED:
      return lineSubstituted(facts);
    case NoticeKind.LINE_BACKORDERED:
      return lineBackordered(facts);
    case NoticeKind.BACKORDER_FILLED:
      return backorderFilled(facts);
    case NoticeKind.ORDER_HELD:
      return orderHeld(facts);
    case NoticeKind.ORDER_CANCELLED:
      return orderCancelled(facts);
    case NoticeKind.ORDER_DISPATCHED:
      return orderDispatched(facts);
    case NoticeKind.ORDER_DELIVERED:
      return orderDelivered(facts);
    case NoticeKind.CASE_OPENED:
      return caseOpened(facts);
    case NoticeKind.AGENT_JOINED:
      return agentJoined(facts);
  }
}
