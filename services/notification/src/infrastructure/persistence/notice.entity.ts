import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('notices')
export class NoticeEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid', { name: 'cause_event_id' }) causeEventId!: string;
  @Column('text', { name: 'cause_type' }) causeType!: string;
  @Column('text', { name: 'order_id' }) orderId!: string;
  @Column('text', { name: 'shopper_id' }) shopperId!: string;
  @Column('text', { name: 'correlation_id' }) correlationId!: string;
  @Column('text') kind!: string;
  @Column('text') subject!: string;
  @Column('jsonb') paragraphs!: string[];
  @Column('text', { name: 'action_label', nullable: true }) actionLabel!: string | null;
  @Column('text', { name: 'action_url', nullable: true }) actionUrl!: string | null;
  @Column('uuid', { name: 'refund_ids', array: true }) refundIds!: string[];
  @Column('text') status!: string;
  @Column('integer') rounds!: number;
  @Column('integer', { name: 'attempt_count' }) attemptCount!: number;
  @Column('timestamptz', { name: 'next_attempt_at', nullable: true }) nextAttemptAt!: Date | null;
  @Column('text', { name: 'reached_channels', array: true }) reachedChannels!: string[];
  @Column('text', { name: 'last_error', nullable: true }) lastError!: string | null;
  @Column('timestamptz', { name: 'notified_at', nullable: true }) notifiedAt!: Date | null;
  @Column('timestamptz', { name: 'failed_at', nullable: true }) failedAt!: Date | null;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  @Column('integer') version!: number;
}
