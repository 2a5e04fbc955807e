import { Column, Entity, PrimaryColumn } from 'typeorm';
import { BackorderStatus } from '../domain/backorder';
import { bigintAsNumber } from './reservation.entity';

@Entity('backorders')
export class BackorderEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'bigint', insert: false, update: false, transformer: bigintAsNumber })
  seq: number;

  @Column({ name: 'order_id', type: 'uuid' })
  orderId: string;

  @Column({ name: 'line_id', type: 'uuid' })
  lineId: string;

  @Column({ name: 'store_id', type: 'text' })
  storeId: string;

  @Column({ type: 'text' })
  sku: string;

  @Column({ type: 'integer' })
  quantity: number;

  @Column({ name: 'quantity_filled', type: 'integer' })
  quantityFilled: number;

  @Column({ type: 'text' })
  status: BackorderStatus;

  @Column({ name: 'queued_at', type: 'timestamptz', insert: false, update: false })
  queuedAt: Date;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt: Date | null;
}
