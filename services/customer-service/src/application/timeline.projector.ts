import { Injectable } from '@nestjs/common';
import { EventEnvelope } from '@askfirst/contracts';
import { EntityManager } from 'typeorm';
import { TimelineRepository } from '../infrastructure/timeline.repository';
import { timelineEntryOf } from './timeline-entry.factory';

/** Adds an event to its order's timeline in the caller's transaction (ADR 0007). */
@Injectable()
export class TimelineProjector {
  constructor(private readonly timeline: TimelineRepository) {}

  record(manager: EntityManager, envelope: EventEnvelope<{ orderId: string }>, internalNote?: string): Promise<void> {
    return this.timeline.record(manager, timelineEntryOf(envelope, envelope.data.orderId, internalNote));
  }
}
