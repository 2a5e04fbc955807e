import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { OrderLineEntity } from './order-line.entity';

export interface KnownLine {
  lineId: string;
  orderId: string;
  sku: string;
  name: string;
  quantity: number;
  noAnswerMinutes: number | null;
}

/** A small read model of order.placed: line names and the shopper's "no answer" window. */
@Injectable()
export class OrderLineRepository {
  async record(manager: EntityManager, lines: KnownLine[]): Promise<void> {
    if (!lines.length) return;
    await manager.createQueryBuilder().insert().into(OrderLineEntity).values(lines).orIgnore().execute();
  }

  async byOrder(manager: EntityManager, orderId: string): Promise<KnownLine[]> {
    return manager.findBy(OrderLineEntity, { orderId });
  }
}
