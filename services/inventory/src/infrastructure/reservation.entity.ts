import { Column, Entity, PrimaryColumn } from 'typeorm';
import { ReservationStatus } from '../domain/reservation';

/** bigint comes back from pg as a string; arrival order stays well inside 2^53. */
export const bigintAsNumber = { to: (v: number | null) => v, from: (v: string | null) => (v === null ? null : Number(v)) };

@Entity('reservations')
export class ReservationEntity {
  @PrimaryColumn({ name: 'order_id', type: 'uuid' })
  orderId: string;

  @Column({ type: 'bigint', insert: false, update: false, transformer: bigintAsNumber })
  seq: number;

  @Column({ name: 'store_id', type: 'text' })
  storeId: string;

  @Column({ name: 'shopper_id', type: 'text' })
  shopperId: string;

  @Column({ type: 'text' })
  status: ReservationStatus;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
