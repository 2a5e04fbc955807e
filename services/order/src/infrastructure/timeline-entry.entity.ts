import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity({ name: 'order_timeline' })
export class TimelineEntryEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) seq!: string;
  @Column({ name: 'order_id', type: 'uuid' }) orderId!: string;
  @Column({ type: 'timestamptz' }) at!: Date;
  @Column({ type: 'text' }) kind!: string;
  @Column({ name: 'event_type', type: 'text', nullable: true }) eventType!: string | null;
  @Column({ name: 'event_id', type: 'uuid', nullable: true }) eventId!: string | null;
  @Column({ type: 'text' }) summary!: string;
  @Column({ type: 'jsonb', nullable: true }) data!: object | null;
}
