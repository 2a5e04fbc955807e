import { Injectable } from '@nestjs/common';
import { CaseType } from '@askfirst/contracts';
import { EntityManager } from 'typeorm';
import { Case, CaseState } from '../domain/case.aggregate';
import { CaseQueue, CaseStatus } from '../domain/case-status';
import { caseNotFound, CaseErrorCode, CaseRuleError } from '../domain/case.errors';
import { RecordedDecision } from '../domain/case.events';

const QUEUE_LIMIT = 200;
const COLUMNS = `id, order_id, shopper_id, type, status, queue, priority, subject, opened_at, sla_due_at, first_contact_at,
  breached_at, agent_id, claimed_at, resolved_at, resolution_summary, decision, version`;

/**
 * Loads and saves Case aggregates; every save is a conditional UPDATE on the loaded version.
 * Plain SQL instead of TypeORM's entity manager: these run per consumed event and per agent action.
 */
@Injectable()
export class CaseRepository {
  async find(manager: EntityManager, id: string): Promise<Case | null> {
    const [row] = await manager.query(`SELECT ${COLUMNS} FROM cases WHERE id = $1`, [id]);
    return row ? Case.restore(toState(row)) : null;
  }

  /** Like find, but a missing case is the caller's 404. */
  async get(manager: EntityManager, id: string): Promise<Case> {
    const c = await this.find(manager, id);
    if (!c) throw caseNotFound(id);
    return c;
  }

  async findOpen(manager: EntityManager, orderId: string, type: CaseType): Promise<Case | null> {
    const [row] = await manager.query(`SELECT ${COLUMNS} FROM cases WHERE order_id = $1 AND type = $2 AND status <> 'RESOLVED'`, [orderId, type]);
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
    // An UPDATE through manager.query resolves to [rows, affected].
    const [, affected]: [unknown[], number] = await manager.query(
      `UPDATE cases SET status = $3, queue = $4, priority = $5, first_contact_at = $6, breached_at = $7, agent_id = $8,
              claimed_at = $9, resolved_at = $10, resolution_summary = $11, decision = $12::jsonb, version = version + 1
        WHERE id = $1 AND version = $2`,
      [s.id, s.version, s.status, s.queue, s.priority, s.firstContactAt, s.breachedAt, s.agentId, s.claimedAt, s.resolvedAt, s.resolutionSummary,
        s.decision === null ? null : JSON.stringify(s.decision)],
    );
    if (!affected) {
      const [now] = await manager.query(`SELECT status, version FROM cases WHERE id = $1`, [s.id]);
      throw new CaseRuleError(CaseErrorCode.CASE_CHANGED_CONCURRENTLY, 'conflict', 'The case changed meanwhile; reload it.', now ? { status: now.status, version: now.version } : undefined);
    }
    c.markSaved();
  }

  /** Cases whose SLA is due and still running, locked so concurrent schedulers skip them. */
  async lockDueForBreach(manager: EntityManager, now: Date, limit: number): Promise<Case[]> {
    const rows: CaseRow[] = await manager.query(
      `SELECT ${COLUMNS} FROM cases
        WHERE sla_due_at <= $1 AND first_contact_at IS NULL AND breached_at IS NULL AND status <> 'RESOLVED'
        ORDER BY sla_due_at ASC LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [now, limit],
    );
    return rows.map((row) => Case.restore(toState(row)));
  }

  /**
   * Untaken UNREACHABLE_SHOPPER cases whose failed notices have all reached the shopper since (a later
   * round of the notification service got through): each `failed` fact in the order's timeline has a
   * `delivered` fact for the same notice. Locked, SKIP LOCKED so replicas share the sweep.
   */
  async lockUnreachableSinceReached(manager: EntityManager, types: { failed: string; delivered: string }, limit: number): Promise<Case[]> {
    const rows: CaseRow[] = await manager.query(
      `SELECT ${COLUMNS} FROM cases c
        WHERE c.type = $1 AND c.status = 'OPEN'
          AND NOT EXISTS (
            SELECT FROM order_timeline f
             WHERE f.order_id = c.order_id AND f.type = $2
               AND NOT EXISTS (
                 SELECT FROM order_timeline d
                  WHERE d.order_id = c.order_id AND d.type = $3 AND d.detail->>'noticeId' = f.detail->>'noticeId'))
        ORDER BY c.opened_at LIMIT $4 FOR UPDATE OF c SKIP LOCKED`,
      [CaseType.UNREACHABLE_SHOPPER, types.failed, types.delivered, limit],
    );
    return rows.map((row) => Case.restore(toState(row)));
  }

  /** Unresolved cases of a queue (plus those `alsoAssignedTo` holds elsewhere), most urgent deadline first. */
  async queue(manager: EntityManager, queue: CaseQueue, alsoAssignedTo?: string): Promise<CaseState[]> {
    const rows: CaseRow[] = await manager.query(
      `SELECT ${COLUMNS} FROM cases
        WHERE (queue = $1 OR agent_id = $2) AND status <> 'RESOLVED'
        ORDER BY sla_due_at ASC, priority DESC, id ASC LIMIT ${QUEUE_LIMIT}`,
      [queue, alsoAssignedTo ?? null],
    );
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

interface CaseRow {
  id: string;
  order_id: string;
  shopper_id: string;
  type: string;
  status: string;
  queue: string;
  priority: number;
  subject: string | null;
  opened_at: Date;
  sla_due_at: Date;
  first_contact_at: Date | null;
  breached_at: Date | null;
  agent_id: string | null;
  claimed_at: Date | null;
  resolved_at: Date | null;
  resolution_summary: string | null;
  decision: RecordedDecision | null;
  version: number;
}

function toState(row: CaseRow): CaseState {
  return {
    id: row.id,
    orderId: row.order_id,
    shopperId: row.shopper_id,
    type: row.type as CaseType,
    status: row.status as CaseStatus,
    queue: row.queue as CaseQueue,
    priority: row.priority,
    subject: row.subject,
    openedAt: row.opened_at,
    slaDueAt: row.sla_due_at,
    firstContactAt: row.first_contact_at,
    breachedAt: row.breached_at,
    agentId: row.agent_id,
    claimedAt: row.claimed_at,
    resolvedAt: row.resolved_at,
    resolutionSummary: row.resolution_summary,
    decision: row.decision,
    version: row.version,
  };
}
