import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ContactAttemptRecord } from '../application/contact-attempt.model';
import { ContactOutcome } from '../domain/case-status';

// Plain SQL instead of the entity manager: written per contact attempt, read on every case view.
@Injectable()
export class ContactAttemptRepository {
  async add(manager: EntityManager, attempt: ContactAttemptRecord): Promise<void> {
    await manager.query(
      `INSERT INTO contact_attempts (id, case_id, agent_id, outcome, note, at) VALUES ($1, $2, $3, $4, $5, $6)`,
      [attempt.id, attempt.caseId, attempt.agentId, attempt.outcome, attempt.note, attempt.at],
    );
  }

  async listForCase(manager: EntityManager, caseId: string): Promise<ContactAttemptRecord[]> {
    const rows: ContactAttemptRow[] = await manager.query(
      `SELECT id, case_id, agent_id, outcome, note, at FROM contact_attempts WHERE case_id = $1 ORDER BY at ASC`,
      [caseId],
    );
    return rows.map((r) => ({ id: r.id, caseId: r.case_id, agentId: r.agent_id, outcome: r.outcome as ContactOutcome, note: r.note, at: r.at }));
  }
}

interface ContactAttemptRow {
  id: string;
  case_id: string;
  agent_id: string;
  outcome: string;
  note: string | null;
  at: Date;
}
