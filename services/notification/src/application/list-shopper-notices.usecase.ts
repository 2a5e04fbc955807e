import { Injectable } from '@nestjs/common';
import { Notice } from '../domain/notice';
import { NoticeRepository } from '../infrastructure/persistence/notice.repository';

/** The shopper's in-app inbox, newest first. */
@Injectable()
export class ListShopperNoticesUseCase {
  constructor(private readonly notices: NoticeRepository) {}

  execute(shopperId: string, limit: number, before?: Date): Promise<Notice[]> {
    return this.notices.listForShopper(shopperId, limit, before);
  }
}
