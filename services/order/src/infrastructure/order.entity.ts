import { ShortagePolicy } from '../domain/shortage-policy';
import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'orders' })
export class OrderEntity {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ name: 'shopper_id', type: 'text' }) shopperId!: string;
  @Column({ name: 'store_id', type: 'text' }) storeId!: string;
  @Column({ type: 'char', length: 3 }) currency!: string;
  @Column({ type: 'text' }) state!: string;
  @Column({ name: 'resume_state', type: 'text', nullable: true }) resumeState!: string | null;
  @Column({ type: 'jsonb' }) policy!: ShortagePolicy;
  @Column({ name: 'decision_deadline', type: 'timestamptz', nullable: true }) decisionDeadline!: Date | null;
  @Column({ name: 'hold_review_by', type: 'timestamptz', nullable: true }) holdReviewBy!: Date | null;
  @Column({ name: 'shortage_stage', type: 'text', nullable: true }) shortageStage!: string | null;
  @Column({ name: 'correlation_id', type: 'text' }) correlationId!: string;
  @Column({ name: 'placed_at', type: 'timestamptz' }) placedAt!: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
  @Column({ type: 'integer' }) version!: number;
}
