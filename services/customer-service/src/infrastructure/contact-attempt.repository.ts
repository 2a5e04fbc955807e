import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ContactAttemptRecord } from '../application/contact-attempt.model';
import { ContactOutcome } from '../domain/case-status';
import { ContactAttemptEntity } from './contact-attempt.entity';

@Injectable()
export class ContactAttemptRepository {
  async add(manager: EntityManager, attempt: ContactAttemptRecord): Promise<void> {
    await manager.insert(ContactAttemptEntity, attempt);
  }

  async listForCase(manager: EntityManager, caseId: string): Promise<ContactAttemptRecord[]> {
    const rows = await manager.find(ContactAttemptEntity, { where: { caseId }, order: { at: 'ASC' } });
    return rows.map((r) => ({ ...r, outcome: r.outcome as ContactOutcome }));
  }
}
