import { NoticeContent } from '../notice-content';
import { NoticeKind } from '../notice-kind';

/** The JSON the shopper app receives; signed over its exact bytes by the webhook channel. */
export interface WebhookPayload {
  type: 'askfirst.notice.v1';
  noticeId: string;
  orderId: string;
  shopperId: string;
  kind: NoticeKind;
  subject: string;
  paragraphs: string[];
  action?: { label: string; url: string };
  /** Lets the receiver refuse replays of an old body. */
  sentAt: string;
}

export function webhookPayload(
  notice: { id: string; orderId: string; shopperId: string; kind: NoticeKind; content: NoticeContent },
  now: Date,
): WebhookPayload {
  return {
    type: 'askfirst.notice.v1',
    noticeId: notice.id,
    orderId: notice.orderId,
    shopperId: notice.shopperId,
    kind: notice.kind,
    subject: notice.content.subject,
    paragraphs: notice.content.paragraphs,
    action: notice.content.action,
    sentAt: now.toISOString(),
  };
}
