import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One event in an order's story, keyed by event id so replays change nothing. */
@Entity('order_timeline')
export class TimelineEntryEntity {
  @PrimaryColumn({ name: 'event_id', type: 'uuid' }) eventId!: string;
  @Column({ name: 'order_id', type: 'text' }) orderId!: string;
  @Column({ type: 'text' }) type!: string;
  @Column({ type: 'text' }) source!: string;
  @Column({ name: 'occurred_at', type: 'timestamptz' }) occurredAt!: Date;
  @Column({ type: 'text' }) summary!: string;
  @Column({ type: 'jsonb' }) detail!: Record<string, unknown>;
  @Column({ name: 'internal_note', type: 'text', nullable: true }) internalNote!: string | null;
}
