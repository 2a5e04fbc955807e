import { Injectable } from '@nestjs/common';
import { CaseType } from '@askfirst/contracts';
import { EntityManager } from 'typeorm';
import { SlaFigures } from '../application/sla-report.model';

interface Row {
  type: string | null;
  opened: number;
  running: number;
  contacted: number;
  breached: number;
  waiting_past_deadline: number;
  finished: number;
  p50: number | null;
  p95: number | null;
}

// Cases whose clock has stopped: a human made contact, or the deadline passed without one.
const FINISHED = 'first_contact_at IS NOT NULL OR breached_at IS NOT NULL';
// Time to human; a breached case nobody contacted counts what it has waited so far (until now, or
// until it was resolved without contact), so a case still waiting makes the quantiles worse, not absent.
const WAITED = 'EXTRACT(EPOCH FROM COALESCE(first_contact_at, resolved_at, now()) - opened_at)';

/** SLA figures computed from the case rows themselves, so they survive restarts and agree across replicas. */
@Injectable()
export class SlaReportRepository {
  async figures(manager: EntityManager, since: Date): Promise<SlaFigures[]> {
    const rows: Row[] = await manager.query(
      `SELECT type,
              count(*)::int AS opened,
              count(*) FILTER (WHERE first_contact_at IS NULL AND breached_at IS NULL AND status <> 'RESOLVED')::int AS running,
              count(first_contact_at)::int AS contacted,
              count(breached_at)::int AS breached,
              count(*) FILTER (WHERE breached_at IS NOT NULL AND first_contact_at IS NULL AND status <> 'RESOLVED')::int AS waiting_past_deadline,
              count(*) FILTER (WHERE ${FINISHED})::int AS finished,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY ${WAITED}) FILTER (WHERE ${FINISHED}) AS p50,
              percentile_cont(0.95) WITHIN GROUP (ORDER BY ${WAITED}) FILTER (WHERE ${FINISHED}) AS p95
         FROM cases
        WHERE opened_at >= $1
        GROUP BY ROLLUP (type)
        ORDER BY type NULLS LAST`,
      [since],
    );
    return rows.map((r) => ({
      caseType: r.type as CaseType | null,
      opened: r.opened,
      running: r.running,
      contacted: r.contacted,
      breached: r.breached,
      waitingPastDeadline: r.waiting_past_deadline,
      breachRatio: r.finished ? r.breached / r.finished : null,
      timeToHumanP50Seconds: r.p50 === null ? null : Number(r.p50),
      timeToHumanP95Seconds: r.p95 === null ? null : Number(r.p95),
    }));
  }
}
