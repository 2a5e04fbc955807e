import { NoticeChannel } from '@askfirst/contracts';
import { DeliveryAttempt } from '../../domain/delivery-attempt';
import { Notice } from '../../domain/notice';
import { NoticeKind } from '../../domain/notice-kind';
import { AttemptStatus, NoticeStatus } from '../../domain/notice-status';

/** A notices row as pg returns it: timestamptz as Date, jsonb parsed, arrays as arrays. */
export interface NoticeRow {
  id: string;
  cause_event_id: string;
  cause_type: string;
  order_id: string;
  shopper_id: string;
  correlation_id: string;
  kind: string;
  subject: string;
  paragraphs: string[];
  action_label: string | null;
  action_url: string | null;
  refund_ids: string[];
  status: string;
  rounds: number;
  attempt_count: number;
  next_attempt_at: Date | null;
  reached_channels: string[];
  last_error: string | null;
  notified_at: Date | null;
  failed_at: Date | null;
  created_at: Date;
  version: number;
}

export interface AttemptRow {
  id: string;
  notice_id: string;
  channel: string;
  round: number;
  status: string;
  error: string | null;
  started_at: Date;
  finished_at: Date | null;
}

export const NOTICE_COLUMNS =
  'id, cause_event_id, cause_type, order_id, shopper_id, correlation_id, kind, subject, paragraphs, action_label, action_url, refund_ids, ' +
  'status, rounds, attempt_count, next_attempt_at, reached_channels, last_error, notified_at, failed_at, created_at, version';

/** Parameters in NOTICE_COLUMNS order; paragraphs go as JSON text (pg would send an array as a Postgres array literal). */
export function noticeParams(notice: Notice): unknown[] {
  const s = notice.snapshot();
  return [
    s.id, s.cause.eventId, s.cause.eventType, s.cause.orderId, s.cause.shopperId, s.cause.correlationId, s.kind,
    s.content.subject, JSON.stringify(s.content.paragraphs), s.content.action?.label ?? null, s.content.action?.url ?? null, s.refundIds,
    s.status, s.rounds, s.attemptCount, s.nextAttemptAt, s.reachedChannels, s.lastError, s.notifiedAt, s.failedAt, s.createdAt, s.version,
  ];
}

export function toNotice(row: NoticeRow): Notice {
  return Notice.restore({
    id: row.id,
    cause: { eventId: row.cause_event_id, eventType: row.cause_type, orderId: row.order_id, shopperId: row.shopper_id, correlationId: row.correlation_id },
    kind: row.kind as NoticeKind,
    content: {
      subject: row.subject,
      paragraphs: row.paragraphs,
      action: row.action_label && row.action_url ? { label: row.action_label, url: row.action_url } : undefined,
    },
    refundIds: row.refund_ids,
    status: row.status as NoticeStatus,
    rounds: row.rounds,
    attemptCount: row.attempt_count,
    nextAttemptAt: row.next_attempt_at,
    reachedChannels: row.reached_channels as NoticeChannel[],
    lastError: row.last_error,
    notifiedAt: row.notified_at,
    failedAt: row.failed_at,
    createdAt: row.created_at,
    version: row.version,
  });
}

export function toAttempt(row: AttemptRow): DeliveryAttempt {
  return DeliveryAttempt.restore({
    id: row.id,
    noticeId: row.notice_id,
    channel: row.channel as NoticeChannel,
    round: row.round,
    status: row.status as AttemptStatus,
    error: row.error,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
  });
}

/**
 * One multi-row upsert for a round's attempts: inserted as SENT before the provider is called,
 * then their outcome (status, error, finished_at; the rest never changes) at the round's end.
 */
export function upsertAttempts(attempts: readonly DeliveryAttempt[], firstParam = 1): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const rows = attempts.map((attempt) => {
    const a = attempt.snapshot();
    const b = firstParam + params.length;
    params.push(a.id, a.noticeId, a.channel, a.round, a.status, a.error, a.startedAt, a.finishedAt);
    return `($${b}, $${b + 1}, $${b + 2}, $${b + 3}, $${b + 4}, $${b + 5}, $${b + 6}, $${b + 7})`;
  });
  const sql =
    `INSERT INTO delivery_attempts (id, notice_id, channel, round, status, error, started_at, finished_at) VALUES ${rows.join(', ')} ` +
    'ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status, error = EXCLUDED.error, finished_at = EXCLUDED.finished_at';
  return { sql, params };
}
