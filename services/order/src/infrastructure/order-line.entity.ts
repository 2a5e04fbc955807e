import { HeldSubstitute, ShortageDetail } from '../domain/order-line';
import { ShortagePolicy } from '../domain/shortage-policy';
import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'order_lines' })
export class OrderLineEntity {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ name: 'order_id', type: 'uuid' }) orderId!: string;
  @Column({ type: 'integer' }) position!: number;
  @Column({ type: 'text' }) sku!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'integer' }) quantity!: number;
  @Column({ name: 'unit_price_cents', type: 'integer' }) unitPriceCents!: number;
  @Column({ type: 'jsonb' }) policy!: ShortagePolicy;
  @Column({ type: 'text' }) state!: string;
  @Column({ name: 'short_quantity', type: 'integer' }) shortQuantity!: number;
  @Column({ name: 'refunded_quantity', type: 'integer' }) refundedQuantity!: number;
  @Column({ name: 'waiting_for', type: 'text', nullable: true }) waitingFor!: string | null;
  @Column({ name: 'decision_deadline', type: 'timestamptz', nullable: true }) decisionDeadline!: Date | null;
  @Column({ name: 'pending_decision_id', type: 'uuid', nullable: true }) pendingDecisionId!: string | null;
  @Column({ type: 'jsonb', nullable: true }) shortage!: ShortageDetail | null;
  @Column({ type: 'jsonb', nullable: true }) substitute!: HeldSubstitute | null;
}
