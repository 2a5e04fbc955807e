/** Where a notice stands. FAILED is not final: the slow re-delivery may still get it through. */
export enum NoticeStatus {
  PENDING = 'PENDING',
  SENT = 'SENT',
  DELIVERED = 'DELIVERED',
  FAILED = 'FAILED',
}

/** One try on one channel: handed to the provider (SENT), then accepted or not. */
export enum AttemptStatus {
  PENDING = 'PENDING',
  SENT = 'SENT',
  DELIVERED = 'DELIVERED',
  FAILED = 'FAILED',
}

export const NOTICE_TRANSITIONS: Readonly<Record<NoticeStatus, readonly NoticeStatus[]>> = {
  [NoticeStatus.PENDING]: [NoticeStatus.SENT],
  [NoticeStatus.SENT]: [NoticeStatus.DELIVERED, NoticeStatus.FAILED],
  [NoticeStatus.FAILED]: [NoticeStatus.DELIVERED],
  [NoticeStatus.DELIVERED]: [],
};

export const ATTEMPT_TRANSITIONS: Readonly<Record<AttemptStatus, readonly AttemptStatus[]>> = {
  [AttemptStatus.PENDING]: [AttemptStatus.SENT],
  [AttemptStatus.SENT]: [AttemptStatus.DELIVERED, AttemptStatus.FAILED],
  [AttemptStatus.DELIVERED]: [],
  [AttemptStatus.FAILED]: [],
};
