import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'order_decisions' })
export class OrderDecisionEntity {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ name: 'order_id', type: 'uuid' }) orderId!: string;
  @Column({ type: 'text' }) source!: string;
  @Column({ type: 'text' }) resolution!: string;
  @Column({ name: 'line_ids', type: 'uuid', array: true }) lineIds!: string[];
  @Column({ name: 'substitute_sku', type: 'text', nullable: true }) substituteSku!: string | null;
  @Column({ name: 'decided_at', type: 'timestamptz' }) decidedAt!: Date;
  @Column({ name: 'decided_by', type: 'text', nullable: true }) decidedBy!: string | null;
  @Column({ name: 'case_id', type: 'uuid', nullable: true }) caseId!: string | null;
  @Column({ name: 'fallback_reason', type: 'text', nullable: true }) fallbackReason!: string | null;
}
