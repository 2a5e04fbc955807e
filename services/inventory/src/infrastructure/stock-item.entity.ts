import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('stock_items')
export class StockItemEntity {
  @PrimaryColumn({ name: 'store_id', type: 'text' })
  storeId: string;

  @PrimaryColumn({ type: 'text' })
  sku: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  category: string;

  @Column({ name: 'unit_price_cents', type: 'integer' })
  unitPriceCents: number;

  @Column({ name: 'on_hand', type: 'integer' })
  onHand: number;

  @Column({ type: 'integer' })
  reserved: number;

  @Column({ name: 'restock_eta', type: 'timestamptz', nullable: true })
  restockEta: Date | null;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
