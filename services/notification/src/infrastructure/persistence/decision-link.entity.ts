import { Column, Entity, PrimaryColumn } from 'typeorm';

export interface StoredOffer {
  orderId: string;
  shopperId: string;
  shortItems: { lineId: string; sku: string; name: string; quantityOrdered: number; quantityShort: number; restockEta?: string; substitutes: { sku: string; name: string }[] }[];
  options: string[];
  deadline: string;
  fallback: string;
}

@Entity('decision_links')
export class DecisionLinkEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid', { name: 'notice_id' }) noticeId!: string;
  @Column('text', { name: 'order_id' }) orderId!: string;
  @Column('text', { name: 'shopper_id' }) shopperId!: string;
  @Column('jsonb') offer!: StoredOffer;
  @Column('timestamptz', { name: 'expires_at' }) expiresAt!: Date;
}
