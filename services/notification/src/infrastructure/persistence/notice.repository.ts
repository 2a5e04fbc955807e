import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { NoticeChannel } from '@askfirst/contracts';
import { DeliveryAttempt } from '../../domain/delivery-attempt';
import { Notice } from '../../domain/notice';
import { NoticeKind } from '../../domain/notice-kind';
import { AttemptStatus, NoticeStatus } from '../../domain/notice-status';
import { DeliveryAttemptEntity } from './delivery-attempt.entity';
import { NoticeEntity } from './notice.entity';

export interface ClaimedNotice {
  id: string;
  version: number;
}

@Injectable()
export class NoticeRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** One notice per causing event: a second insert for the same cause is a no-op (false). */
  async insertIfAbsent(manager: EntityManager, notice: Notice): Promise<boolean> {
    const result = await manager.createQueryBuilder().insert().into(NoticeEntity).values(toRow(notice)).orIgnore().returning(['id']).execute();
    const inserted = (result.raw as unknown[]).length > 0;
    if (inserted) for (const attempt of notice.newAttempts()) await this.saveAttempt(manager, attempt);
    return inserted;
  }

  /**
   * Leases due notices to this worker: SKIP LOCKED so replicas never take the same row, and the
   * lease (a later next_attempt_at) hands the notice to another worker if this one dies mid-round.
   * A delivery round starts here, so a PENDING notice is stored as SENT before any provider is
   * called (Notice.beginRound's PENDING -> SENT, in the claim's statement: no extra round trip).
   */
  async claimDue(limit: number, leaseMs: number): Promise<ClaimedNotice[]> {
    const [rows] = (await this.dataSource.query(
      `WITH due AS (
         SELECT id FROM notices
          WHERE next_attempt_at IS NOT NULL AND next_attempt_at <= now()
          ORDER BY next_attempt_at
          LIMIT $1
          FOR UPDATE SKIP LOCKED)
       UPDATE notices n
          SET next_attempt_at = now() + ($2::int * interval '1 millisecond'), version = n.version + 1,
              status = CASE WHEN n.status = $3 THEN $4 ELSE n.status END
         FROM due
        WHERE n.id = due.id
    RETURNING n.id, n.version`,
      [limit, leaseMs, NoticeStatus.PENDING, NoticeStatus.SENT],
    )) as [{ id: string; version: number }[], number];
    return rows.map((r) => ({ id: r.id, version: Number(r.version) }));
  }

  async findById(id: string, manager: EntityManager = this.dataSource.manager): Promise<Notice | null> {
    const row = await manager.findOneBy(NoticeEntity, { id });
    return row ? toNotice(row) : null;
  }

  /** Saves the round's outcome only if this worker still holds the lease (version unchanged). */
  async saveIfVersion(manager: EntityManager, notice: Notice, expectedVersion: number): Promise<boolean> {
    const s = notice.snapshot();
    const result = await manager
      .createQueryBuilder()
      .update(NoticeEntity)
      .set({
        status: s.status,
        rounds: s.rounds,
        attemptCount: s.attemptCount,
        nextAttemptAt: s.nextAttemptAt,
        reachedChannels: s.reachedChannels,
        lastError: s.lastError,
        notifiedAt: s.notifiedAt,
        failedAt: s.failedAt,
        version: expectedVersion + 1,
      })
      .where('id = :id AND version = :version', { id: s.id, version: expectedVersion })
      .execute();
    return (result.affected ?? 0) === 1;
  }

  async saveAttempt(manager: EntityManager, attempt: DeliveryAttempt): Promise<void> {
    const a = attempt.snapshot();
    await manager.upsert(
      DeliveryAttemptEntity,
      { id: a.id, noticeId: a.noticeId, channel: a.channel, round: a.round, status: a.status, error: a.error, startedAt: a.startedAt, finishedAt: a.finishedAt },
      ['id'],
    );
  }

  async listForShopper(shopperId: string, limit: number, before?: Date): Promise<Notice[]> {
    const qb = this.dataSource.manager.createQueryBuilder(NoticeEntity, 'n').where('n.shopper_id = :shopperId', { shopperId });
    if (before) qb.andWhere('n.created_at < :before', { before });
    const rows = await qb.orderBy('n.created_at', 'DESC').addOrderBy('n.id', 'DESC').limit(limit).getMany();
    return rows.map(toNotice);
  }

  async listForOrder(orderId: string, limit: number): Promise<Notice[]> {
    const rows = await this.dataSource.manager.find(NoticeEntity, { where: { orderId }, order: { createdAt: 'ASC', id: 'ASC' }, take: limit });
    return rows.map(toNotice);
  }

  async attemptsOf(noticeId: string): Promise<DeliveryAttempt[]> {
    const rows = await this.dataSource.manager.find(DeliveryAttemptEntity, { where: { noticeId }, order: { startedAt: 'ASC', id: 'ASC' } });
    return rows.map((r) =>
      DeliveryAttempt.restore({
        id: r.id,
        noticeId: r.noticeId,
        channel: r.channel as NoticeChannel,
        round: r.round,
        status: r.status as AttemptStatus,
        error: r.error,
        startedAt: r.startedAt,
        finishedAt: r.finishedAt,
      }),
    );
  }
}

function toRow(notice: Notice): NoticeEntity {
  const s = notice.snapshot();
  return {
    id: s.id,
    causeEventId: s.cause.eventId,
    causeType: s.cause.eventType,
    orderId: s.cause.orderId,
    shopperId: s.cause.shopperId,
    correlationId: s.cause.correlationId,
    kind: s.kind,
    subject: s.content.subject,
    paragraphs: s.content.paragraphs,
    actionLabel: s.content.action?.label ?? null,
    actionUrl: s.content.action?.url ?? null,
    refundIds: s.refundIds,
    status: s.status,
    rounds: s.rounds,
    attemptCount: s.attemptCount,
    nextAttemptAt: s.nextAttemptAt,
    reachedChannels: s.reachedChannels,
    lastError: s.lastError,
    notifiedAt: s.notifiedAt,
    failedAt: s.failedAt,
    createdAt: s.createdAt,
    version: s.version,
  };
}

function toNotice(row: NoticeEntity): Notice {
  return Notice.restore({
    id: row.id,
    cause: { eventId: row.causeEventId, eventType: row.causeType, orderId: row.orderId, shopperId: row.shopperId, correlationId: row.correlationId },
    kind: row.kind as NoticeKind,
    content: {
      subject: row.subject,
      paragraphs: row.paragraphs,
      action: row.actionLabel && row.actionUrl ? { label: row.actionLabel, url: row.actionUrl } : undefined,
    },
    refundIds: row.refundIds,
    status: row.status as NoticeStatus,
    rounds: row.rounds,
    attemptCount: row.attemptCount,
    nextAttemptAt: row.nextAttemptAt,
    reachedChannels: row.reachedChannels as NoticeChannel[],
    lastError: row.lastError,
    notifiedAt: row.notifiedAt,
    failedAt: row.failedAt,
    createdAt: row.createdAt,
    version: row.version,
  });
}
