import { RefundLine } from '../domain/refund';
import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'order_refunds' })
export class OrderRefundEntity {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ name: 'order_id', type: 'uuid' }) orderId!: string;
  @Column({ name: 'decision_id', type: 'uuid' }) decisionId!: string;
  @Column({ type: 'text' }) status!: string;
  @Column({ type: 'text' }) reason!: string;
  @Column({ name: 'amount_cents', type: 'integer' }) amountCents!: number;
  @Column({ type: 'jsonb' }) lines!: RefundLine[];
  @Column({ name: 'approved_at', type: 'timestamptz' }) approvedAt!: Date;
  @Column({ name: 'requested_at', type: 'timestamptz', nullable: true }) requestedAt!: Date | null;
  @Column({ name: 'notice_id', type: 'uuid', nullable: true }) noticeId!: string | null;
}
