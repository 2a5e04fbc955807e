import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { TimelineEntry, TimelineKind } from '../application/timeline-entry';
import { TimelineEntryEntity } from './timeline-entry.entity';

/** The order_timeline table: append-only, written in the same transaction as what it records. */
@Injectable()
export class TimelineRepository {
  async append(manager: EntityManager, entries: readonly TimelineEntry[]): Promise<void> {
    if (!entries.length) return;
    await manager.insert(TimelineEntryEntity, entries.map((e) => ({
      orderId: e.orderId, at: e.at, kind: e.kind, eventType: e.eventType ?? null, eventId: e.eventId ?? null, summary: e.summary, data: e.data ?? null,
    })));
  }

  async forOrder(manager: EntityManager, orderId: string): Promise<TimelineEntry[]> {
    const rows = await manager.find(TimelineEntryEntity, { where: { orderId }, order: { seq: 'ASC' } });
    return rows.map((r) => ({
      orderId: r.orderId, at: r.at, kind: r.kind as TimelineKind, summary: r.summary,
      ...(r.eventType ? { eventType: r.eventType } : {}), ...(r.eventId ? { eventId: r.eventId } : {}), ...(r.data ? { data: r.data } : {}),
    }));
  }
}
