import { DomainException } from '@askfirst/platform';

export enum NotificationErrorCode {
  NOTICE_NOT_FOUND = 'NOTICE_NOT_FOUND',
}

export class NoticeNotFoundException extends DomainException<NotificationErrorCode> {
  readonly status = 404;
  constructor(id: string) {
    super(NotificationErrorCode.NOTICE_NOT_FOUND, `Notice ${id} does not exist.`);
  }
}
