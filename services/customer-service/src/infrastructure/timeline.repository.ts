import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { TimelineRecord } from '../application/timeline.model';
import { TimelineEntryEntity } from './timeline-entry.entity';

const TIMELINE_LIMIT = 500;

@Injectable()
export class TimelineRepository {
  /** Idempotent on the event id: a redelivered or replayed event adds nothing. */
  async record(manager: EntityManager, entry: TimelineRecord): Promise<void> {
    await manager.query(
      `INSERT INTO order_timeline (event_id, order_id, type, source, occurred_at, summary, detail, internal_note)
       VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8) ON CONFLICT (event_id) DO NOTHING`,
      [entry.eventId, entry.orderId, entry.type, entry.source, entry.occurredAt, entry.summary, JSON.stringify(entry.detail), entry.internalNote],
    );
  }

  async forOrder(manager: EntityManager, orderId: string): Promise<TimelineRecord[]> {
    // The latest entries matter most on a long story; shown oldest first.
    const rows = await manager.find(TimelineEntryEntity, { where: { orderId }, order: { occurredAt: 'DESC', eventId: 'DESC' }, take: TIMELINE_LIMIT });
    return rows.reverse();
  }
}
