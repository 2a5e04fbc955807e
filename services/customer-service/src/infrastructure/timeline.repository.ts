import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { deferStatement } from '@askfirst/platform';
import { TimelineRecord } from '../application/timeline.model';

const TIMELINE_LIMIT = 500;

/**
 * The idempotent timeline INSERT (a redelivered or replayed event adds nothing), its parameters
 * numbered after the first `offset`, so another statement can carry it in one round trip.
 */
export function timelineInsert(entry: TimelineRecord, offset = 0): { sql: string; params: unknown[] } {
  const $ = (i: number) => `$${offset + i}`;
  return {
    sql: `INSERT INTO order_timeline (event_id, order_id, type, source, occurred_at, summary, detail, internal_note)
          VALUES (${$(1)}, ${$(2)}, ${$(3)}, ${$(4)}, ${$(5)}, ${$(6)}, ${$(7)}::jsonb, ${$(8)}) ON CONFLICT (event_id) DO NOTHING`,
    params: [entry.eventId, entry.orderId, entry.type, entry.source, entry.occurredAt, entry.summary, JSON.stringify(entry.detail), entry.internalNote],
  };
}

@Injectable()
export class TimelineRepository {
  async record(manager: EntityManager, entry: TimelineRecord): Promise<void> {
    const { sql, params } = timelineInsert(entry);
    await deferStatement(manager, sql, params);
  }

  async forOrder(manager: EntityManager, orderId: string): Promise<TimelineRecord[]> {
    // Plain SQL instead of an entity find: read on every case view, no entity hydration needed.
    // The latest entries matter most on a long story; shown oldest first.
    const rows: TimelineRow[] = await manager.query(
      `SELECT event_id, order_id, type, source, occurred_at, summary, detail, internal_note FROM order_timeline
        WHERE order_id = $1 ORDER BY occurred_at DESC, event_id DESC LIMIT ${TIMELINE_LIMIT}`,
      [orderId],
    );
    return rows.reverse().map(toRecord);
  }
}

interface TimelineRow {
  event_id: string;
  order_id: string;
  type: string;
  source: string;
  occurred_at: Date;
  summary: string;
  detail: Record<string, unknown>;
  internal_note: string | null;
}

function toRecord(row: TimelineRow): TimelineRecord {
  return {
    eventId: row.event_id,
    orderId: row.order_id,
    type: row.type,
    source: row.source,
    occurredAt: row.occurred_at,
    summary: row.summary,
    detail: row.detail,
    internalNote: row.internal_note,
  };
}
