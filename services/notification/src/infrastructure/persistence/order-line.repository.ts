import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
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

  async byIds(manager: EntityManager, lineIds: string[]): Promise<Map<string, KnownLine>> {
    const ids = [...new Set(lineIds)];
    if (!ids.length) return new Map();
    const rows = await manager.findBy(OrderLineEntity, { lineId: In(ids) });
    return new Map(rows.map((r) => [r.lineId, r]));
  }

  async byOrder(manager: EntityManager, orderId: string): Promise<KnownLine[]> {
    return manager.findBy(OrderLineEntity, { orderId });
  }
}
