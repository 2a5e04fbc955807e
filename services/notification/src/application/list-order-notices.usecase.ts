import { Injectable } from '@nestjs/common';
import { Notice } from '../domain/notice';
import { NoticeRepository } from '../infrastructure/persistence/notice.repository';

/** Every notice about one order, oldest first: the agent's view of what the shopper was told. */
@Injectable()
export class ListOrderNoticesUseCase {
  constructor(private readonly notices: NoticeRepository) {}

  execute(orderId: string, limit: number): Promise<Notice[]> {
    return this.notices.listForOrder(orderId, limit);
  }
}
