import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'order_idempotency_keys' })
export class IdempotencyKeyEntity {
  @PrimaryColumn({ name: 'shopper_id', type: 'text' }) shopperId!: string;
  @PrimaryColumn({ type: 'text' }) key!: string;
  @Column({ name: 'request_hash', type: 'text' }) requestHash!: string;
  @Column({ name: 'order_id', type: 'uuid' }) orderId!: string;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
