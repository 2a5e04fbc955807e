import { DomainException } from '@askfirst/platform';

export enum NotificationErrorCode {
  NOTICE_NOT_FOUND = 'NOTICE_NOT_FOUND',
  WEBHOOK_URL_NOT_ALLOWED = 'WEBHOOK_URL_NOT_ALLOWED',
}

export class NoticeNotFoundException extends DomainException<NotificationErrorCode> {
  readonly status = 404;
  constructor(id: string) {
    super(NotificationErrorCode.NOTICE_NOT_FOUND, `Notice ${id} does not exist.`);
  }
}

export class WebhookUrlNotAllowedException extends DomainException<NotificationErrorCode> {
  readonly status = 422;
  constructor() {
    super(NotificationErrorCode.WEBHOOK_URL_NOT_ALLOWED, 'The webhook URL points at a private or local host; use a public https address.');
  }
}
