import { Injectable } from '@nestjs/common';
import { CaseType } from '@askfirst/contracts';
import { EntityManager } from 'typeorm';
import { Case, CaseState } from '../domain/case.aggregate';
import { CaseQueue, CaseStatus } from '../domain/case-status';
import { caseNotFound, CaseErrorCode, CaseRuleError } from '../domain/case.errors';
import { CaseEntity } from './case.entity';

const QUEUE_LIMIT = 200;

/** Loads and saves Case aggregates; every save is a conditional UPDATE on the loaded version. */
@Injectable()
export class CaseRepository {
  async find(manager: EntityManager, id: string): Promise<Case | null> {
    const row = await manager.findOneBy(CaseEntity, { id });
    return row ? Case.restore(toState(row)) : null;
  }

  /** Like find, but a missing case is the caller's 404. */
  async get(manager: EntityManager, id: string): Promise<Case> {
    const c = await this.find(manager, id);
    if (!c) throw caseNotFound(id);
    return c;
  }

  async findOpen(manager: EntityManager, orderId: string, type: CaseType): Promise<Case | null> {
    const row = await manager
      .createQueryBuilder(CaseEntity, 'c')
      .where('c.order_id = :orderId AND c.type = :type AND c.status <> :resolved', { orderId, type, resolved: CaseStatus.RESOLVED })
      .getOne();
    return row ? Case.restore(toState(row)) : null;
  }

  /** False when another open case of this (order, type) exists: the unique index decides races. */
  async insertIfNoneOpen(manager: EntityManager, c: Case): Promise<boolean> {
    const s = c.snapshot;
    const inserted: unknown[] = await manager.query(
      `INSERT INTO cases (id, order_id, shopper_id, type, status, queue, priority, subject, opened_at, sla_due_at, version)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 0)
       ON CONFLICT (order_id, type) WHERE status <> 'RESOLVED' DO NOTHING
       RETURNING id`,
      [s.id, s.orderId, s.shopperId, s.type, s.status, s.queue, s.priority, s.subject, s.openedAt, s.slaDueAt],
    );
    return inserted.length === 1;
  }

  /** Writes the aggregate only if nobody saved it since it was loaded; two racing claims → one wins. */
  async save(manager: EntityManager, c: Case): Promise<void> {
    const s = c.snapshot;
    const result = await manager
      .createQueryBuilder()
      .update(CaseEntity)
      .set({
        status: s.status,
        queue: s.queue,
        priority: s.priority,
        firstContactAt: s.firstContactAt,
        breachedAt: s.breachedAt,
        agentId: s.agentId,
        claimedAt: s.claimedAt,
        resolvedAt: s.resolvedAt,
        resolutionSummary: s.resolutionSummary,
        decision: s.decision,
        version: () => 'version + 1',
      })
      .where('id = :id AND version = :version', { id: s.id, version: s.version })
      .execute();
    if (!result.affected) {
      const now = await manager.findOneBy(CaseEntity, { id: s.id });
      throw new CaseRuleError(CaseErrorCode.CASE_CHANGED_CONCURRENTLY, 'conflict', 'The case changed meanwhile; reload it.', now ? { status: now.status, version: now.version } : undefined);
    }
    c.markSaved();
  }

  /** Cases whose SLA is due and still running, locked so concurrent schedulers skip them. */
  async lockDueForBreach(manager: EntityManager, now: Date, limit: number): Promise<Case[]> {
    const rows = await manager
      .createQueryBuilder(CaseEntity, 'c')
      .where('c.sla_due_at <= :now AND c.first_contact_at IS NULL AND c.breached_at IS NULL AND c.status <> :resolved', { now, resolved: CaseStatus.RESOLVED })
      .orderBy('c.sla_due_at', 'ASC')
      .limit(limit)
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .getMany();
    return rows.map((row) => Case.restore(toState(row)));
  }

  /** Unresolved cases of a queue (plus those `alsoAssignedTo` holds elsewhere), most urgent deadline first. */
  async queue(manager: EntityManager, queue: CaseQueue, alsoAssignedTo?: string): Promise<CaseState[]> {
    const rows = await manager
      .createQueryBuilder(CaseEntity, 'c')
      .where('(c.queue = :queue OR c.agent_id = :agentId) AND c.status <> :resolved', { queue, agentId: alsoAssignedTo ?? null, resolved: CaseStatus.RESOLVED })
      .orderBy('c.sla_due_at', 'ASC')
      .addOrderBy('c.priority', 'DESC')
      .addOrderBy('c.id', 'ASC')
      .limit(QUEUE_LIMIT)
      .getMany();
    return rows.map(toState);
  }

  /** 1-based place among unclaimed cases of the same queue, in `queue()`'s order; null once an agent has it. */
  async queuePosition(manager: EntityManager, s: CaseState): Promise<number | null> {
    if (s.status !== CaseStatus.OPEN) return null;
    const [row] = await manager.query(
      `SELECT count(*)::int AS ahead FROM cases
        WHERE queue = $1 AND status = 'OPEN' AND (sla_due_at, -priority, id) < ($2::timestamptz, $3::int, $4::uuid)`,
      [s.queue, s.slaDueAt, -s.priority, s.id],
    );
    return row.ahead + 1;
  }
}

function toState(row: CaseEntity): CaseState {
  return {
    id: row.id,
    orderId: row.orderId,
    shopperId: row.shopperId,
    type: row.type as CaseType,
    status: row.status as CaseStatus,
    queue: row.queue as CaseQueue,
    priority: row.priority,
    subject: row.subject,
    openedAt: row.openedAt,
    slaDueAt: row.slaDueAt,
    firstContactAt: row.firstContactAt,
    breachedAt: row.breachedAt,
    agentId: row.agentId,
    claimedAt: row.claimedAt,
    resolvedAt: row.resolvedAt,
    resolutionSummary: row.resolutionSummary,
    decision: row.decision,
    version: row.version,
  };
}
