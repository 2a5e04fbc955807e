import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Append-only log of every change to on-hand, with who made it. */
@Entity('stock_adjustments')
export class StockAdjustmentEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'store_id', type: 'text' })
  storeId: string;

  @Column({ type: 'text' })
  sku: string;

  @Column({ type: 'text' })
  reason: string;

  @Column({ type: 'integer' })
  delta: number;

  @Column({ name: 'on_hand_after', type: 'integer' })
  onHandAfter: number;

  @Column({ name: 'reserved_after', type: 'integer' })
  reservedAfter: number;

  @Column({ name: 'order_id', type: 'uuid', nullable: true })
  orderId: string | null;

  @Column({ type: 'text' })
  actor: string;
}
