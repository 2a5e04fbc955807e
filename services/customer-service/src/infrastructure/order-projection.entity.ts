import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { PendingShortage } from '../domain/pending-shortage';
import type { OrderLineView } from '../application/order-projection.model';

/** What this service knows about an order, from the order service's events only. */
@Entity('order_projections')
export class OrderProjectionEntity {
  @PrimaryColumn({ name: 'order_id', type: 'text' }) orderId!: string;
  @Column({ name: 'shopper_id', type: 'text' }) shopperId!: string;
  @Column({ name: 'store_id', type: 'text', nullable: true }) storeId!: string | null;
  @Column({ name: 'placed_at', type: 'timestamptz', nullable: true }) placedAt!: Date | null;
  @Column({ type: 'jsonb' }) lines!: OrderLineView[];
  @Column({ name: 'pending_shortage', type: 'jsonb', nullable: true }) pendingShortage!: PendingShortage | null;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
