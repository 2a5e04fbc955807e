import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('delivery_attempts')
export class DeliveryAttemptEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid', { name: 'notice_id' }) noticeId!: string;
  @Column('text') channel!: string;
  @Column('integer') round!: number;
  @Column('text') status!: string;
  @Column('text', { nullable: true }) error!: string | null;
  @Column('timestamptz', { name: 'started_at' }) startedAt!: Date;
  @Column('timestamptz', { name: 'finished_at', nullable: true }) finishedAt!: Date | null;
}
