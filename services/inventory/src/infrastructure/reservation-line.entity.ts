import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('reservation_lines')
export class ReservationLineEntity {
  @PrimaryColumn({ name: 'order_id', type: 'uuid' })
  orderId: string;

  @PrimaryColumn({ name: 'line_id', type: 'uuid' })
  lineId: string;

  @PrimaryColumn({ type: 'text' })
  sku: string;

  @Column({ type: 'integer' })
  position: number;

  @Column({ name: 'substitute_for', type: 'text', nullable: true })
  substituteFor: string | null;

  @Column({ name: 'quantity_wanted', type: 'integer' })
  quantityWanted: number;

  @Column({ name: 'quantity_held', type: 'integer' })
  quantityHeld: number;

  @Column({ name: 'quantity_packed', type: 'integer' })
  quantityPacked: number;

  @Column({ name: 'quantity_committed', type: 'integer' })
  quantityCommitted: number;
}
