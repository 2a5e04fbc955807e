import { Injectable } from '@nestjs/common';
import { DeliveryAttempt } from '../domain/delivery-attempt';
import { Notice } from '../domain/notice';
import { NoticeRepository } from '../infrastructure/persistence/notice.repository';
import { NoticeNotFoundException } from './notification.exceptions';

/** A notice with every delivery attempt, for its status page and the agent's timeline. */
@Injectable()
export class GetNoticeUseCase {
  constructor(private readonly notices: NoticeRepository) {}

  async execute(id: string): Promise<{ notice: Notice; attempts: DeliveryAttempt[] }> {
    const notice = await this.notices.findById(id);
    if (!notice) throw new NoticeNotFoundException(id);
    return { notice, attempts: await this.notices.attemptsOf(id) };
  }
}
