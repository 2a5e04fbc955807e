import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { ChannelSettings } from '../../domain/channel-settings';
import { DeliveryAttempt } from '../../domain/delivery-attempt';
import { Notice } from '../../domain/notice';
import { NoticeStatus } from '../../domain/notice-status';
import { settingsOf, SettingsRow } from './channel-settings.repository';
import { AttemptRow, NOTICE_COLUMNS, noticeParams, NoticeRow, toAttempt, toNotice, upsertAttempts } from './notice.rows';

/** A notice leased for one delivery round (its version is the lease), with where the shopper wants it. */
export interface ClaimedNotice {
  notice: Notice;
  settings: ChannelSettings;
}

// Plain parameterized SQL throughout: these run per consumed event or per notice, and TypeORM's
// query building and hydration cost more CPU than the statements themselves.
@Injectable()
export class NoticeRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** One notice per causing event: a second insert for the same cause is a no-op (false). */
  async insertIfAbsent(manager: EntityManager, notice: Notice): Promise<boolean> {
    const params = noticeParams(notice);
    const placeholders = params.map((_, i) => `$${i + 1}`).join(', ');
    const rows = (await manager.query(`INSERT INTO notices (${NOTICE_COLUMNS}) VALUES (${placeholders}) ON CONFLICT DO NOTHING RETURNING id`, params)) as unknown[];
    const inserted = rows.length > 0;
    if (inserted) await this.saveAttempts(manager, notice.newAttempts());
    return inserted;
  }

  /**
   * Leases due notices to this worker and reads them with the shopper's channel settings, in one
   * statement: SKIP LOCKED so replicas never take the same row, and the lease (a later
   * next_attempt_at, a new version) hands the notice to another worker if this one dies mid-round.
   * A delivery round starts here, so a PENDING notice is stored as SENT before any provider is
   * called (Notice.beginRound's PENDING -> SENT, in the claim's statement: no extra round trip).
   */
  async claimDue(limit: number, leaseMs: number): Promise<ClaimedNotice[]> {
    const [rows] = (await this.dataSource.query(
      `WITH due AS (
         SELECT n.id, s.email, s.phone, s.webhook_url, s.channel_order
           FROM notices n LEFT JOIN channel_settings s ON s.shopper_id = n.shopper_id
          WHERE n.next_attempt_at IS NOT NULL AND n.next_attempt_at <= now()
          ORDER BY n.next_attempt_at
          LIMIT $1
          FOR UPDATE OF n SKIP LOCKED)
       UPDATE notices n
          SET next_attempt_at = now() + ($2::int * interval '1 millisecond'), version = n.version + 1,
              status = CASE WHEN n.status = $3 THEN $4 ELSE n.status END
         FROM due
        WHERE n.id = due.id
    RETURNING n.*, due.email, due.phone, due.webhook_url, due.channel_order`,
      [limit, leaseMs, NoticeStatus.PENDING, NoticeStatus.SENT],
    )) as [(NoticeRow & SettingsRow)[], number];
    return rows.map((row) => ({ notice: toNotice(row), settings: settingsOf(row.shopper_id, row) }));
  }

  async findById(id: string, manager: EntityManager = this.dataSource.manager): Promise<Notice | null> {
    const rows = (await manager.query(`SELECT ${NOTICE_COLUMNS} FROM notices WHERE id = $1`, [id])) as NoticeRow[];
    return rows.length ? toNotice(rows[0]) : null;
  }

  /**
   * Saves a round's outcome: its attempts always (they stay on record even if the lease was lost),
   * the notice only if this worker still holds the lease (version unchanged). One statement: a
   * data-modifying WITH runs to completion whether or not the UPDATE matches.
   */
  async saveRound(manager: EntityManager, notice: Notice, expectedVersion: number): Promise<boolean> {
    const s = notice.snapshot();
    const params: unknown[] = [s.status, s.rounds, s.attemptCount, s.nextAttemptAt, s.reachedChannels, s.lastError, s.notifiedAt, s.failedAt, expectedVersion + 1, s.id, expectedVersion];
    let sql =
      `UPDATE notices SET status = $1, rounds = $2, attempt_count = $3, next_attempt_at = $4, reached_channels = $5, last_error = $6, ` +
      `notified_at = $7, failed_at = $8, version = $9 WHERE id = $10 AND version = $11`;
    if (notice.newAttempts().length) {
      const attempts = upsertAttempts(notice.newAttempts(), params.length + 1);
      sql = `WITH attempts AS (${attempts.sql}) ${sql}`;
      params.push(...attempts.params);
    }
    const [, affected] = (await manager.query(sql, params)) as [unknown[], number];
    return affected === 1;
  }

  /** Stores attempts as they are now (one statement for any number). */
  async saveAttempts(manager: EntityManager, attempts: readonly DeliveryAttempt[]): Promise<void> {
    if (!attempts.length) return;
    const { sql, params } = upsertAttempts(attempts);
    await manager.query(sql, params);
  }

  async listForShopper(shopperId: string, limit: number, before?: Date): Promise<Notice[]> {
    const rows = (await this.dataSource.query(
      `SELECT ${NOTICE_COLUMNS} FROM notices WHERE shopper_id = $1 AND ($2::timestamptz IS NULL OR created_at < $2) ORDER BY created_at DESC, id DESC LIMIT $3`,
      [shopperId, before ?? null, limit],
    )) as NoticeRow[];
    return rows.map(toNotice);
  }

  async listForOrder(orderId: string, limit: number): Promise<Notice[]> {
    const rows = (await this.dataSource.query(`SELECT ${NOTICE_COLUMNS} FROM notices WHERE order_id = $1 ORDER BY created_at, id LIMIT $2`, [orderId, limit])) as NoticeRow[];
    return rows.map(toNotice);
  }

  async attemptsOf(noticeId: string): Promise<DeliveryAttempt[]> {
    const rows = (await this.dataSource.query(
      `SELECT id, notice_id, channel, round, status, error, started_at, finished_at FROM delivery_attempts WHERE notice_id = $1 ORDER BY started_at, id`,
      [noticeId],
    )) as AttemptRow[];
    return rows.map(toAttempt);
  }
}
