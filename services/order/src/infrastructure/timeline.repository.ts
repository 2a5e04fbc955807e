import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { deferStatement } from '@askfirst/platform';
import { TimelineEntry, TimelineKind } from '../application/timeline-entry';

const COLUMNS = 'order_id, at, kind, event_type, event_id, summary, data';

interface TimelineRow {
  seq: string;
  order_id: string;
  at: Date;
  kind: string;
  event_type: string | null;
  event_id: string | null;
  summary: string;
  data: object | null;
}

/**
 * The order_timeline table: append-only, written in the same transaction as what it records.
 * Plain SQL (columns as in timeline-entry.entity.ts): it is written on every event, and TypeORM's
 * query builder rewrote each statement's property names.
 */
@Injectable()
export class TimelineRepository {
  /** One multi-row insert; `returning`: the rows as stored (jsonb as read back), in order. */
  async append(manager: EntityManager, entries: readonly TimelineEntry[], options: { returning?: boolean } = {}): Promise<TimelineEntry[]> {
    if (!entries.length) return [];
    const params: unknown[] = [];
    const rows = entries.map((e) => {
      const b = params.push(e.orderId, e.at, e.kind, e.eventType ?? null, e.eventId ?? null, e.summary, e.data == null ? null : JSON.stringify(e.data)) - 7;
      return `($${b + 1}::uuid, $${b + 2}::timestamptz, $${b + 3}, $${b + 4}, $${b + 5}::uuid, $${b + 6}, $${b + 7}::jsonb)`;
    });
    const insert = `INSERT INTO order_timeline (${COLUMNS}) VALUES ${rows.join(', ')}`;
    if (!options.returning) {
      // Nothing waits for it: it travels with the transaction's next statement (often the COMMIT).
      await deferStatement(manager, insert, params);
      return [];
    }
    const written: TimelineRow[] = await manager.query(`${insert} RETURNING seq, ${COLUMNS}`, params);
    return written.sort((a, b) => Number(a.seq) - Number(b.seq)).map(toEntry);
  }

  async forOrder(manager: EntityManager, orderId: string): Promise<TimelineEntry[]> {
    const rows: TimelineRow[] = await manager.query(`SELECT seq, ${COLUMNS} FROM order_timeline WHERE order_id = $1 ORDER BY seq`, [orderId]);
    return rows.map(toEntry);
  }
}

function toEntry(r: TimelineRow): TimelineEntry {
  return {
    orderId: r.order_id, at: r.at, kind: r.kind as TimelineKind, summary: r.summary,
    ...(r.event_type ? { eventType: r.event_type } : {}), ...(r.event_id ? { eventId: r.event_id } : {}), ...(r.data ? { data: r.data } : {}),
  };
}
