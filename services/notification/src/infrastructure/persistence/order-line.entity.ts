import { Column, Entity, PrimaryColumn } from 'typeorm';

/** What the shopper calls each line (from order.placed), so notices name items events carry only as SKUs. */
@Entity('order_lines')
export class OrderLineEntity {
  @PrimaryColumn('uuid', { name: 'line_id' }) lineId!: string;
  @Column('text', { name: 'order_id' }) orderId!: string;
  @Column('text') sku!: string;
  @Column('text') name!: string;
  @Column('integer') quantity!: number;
  @Column('integer', { name: 'no_answer_minutes', nullable: true }) noAnswerMinutes!: number | null;
}
