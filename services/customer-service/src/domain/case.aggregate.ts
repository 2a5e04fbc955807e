import { CaseType, ShortageResolution } from '@askfirst/contracts';
import { CaseActor, CaseQueue, CaseStatus, ContactOutcome } from './case-status';
import { CaseErrorCode, CaseRuleError } from './case.errors';
import { CaseEvent, RecordedDecision } from './case.events';
import { PendingShortage } from './pending-shortage';
import { SlaPolicy } from './sla-policy';

export interface CaseState {
  id: string;
  orderId: string;
  shopperId: string;
  type: CaseType;
  status: CaseStatus;
  queue: CaseQueue;
  priority: number;
  /** What the case is about: the shopper's message, or the fact that opened it. */
  subject: string | null;
  openedAt: Date;
  slaDueAt: Date;
  firstContactAt: Date | null;
  breachedAt: Date | null;
  agentId: string | null;
  claimedAt: Date | null;
  resolvedAt: Date | null;
  resolutionSummary: string | null;
  decision: RecordedDecision | null;
  /** Optimistic lock: a save only succeeds against the version it loaded. */
  version: number;
}

export interface OpenCaseInput {
  id: string;
  orderId: string;
  shopperId: string;
  type: CaseType;
  subject?: string;
  now: Date;
}

export interface DecisionInput {
  decisionId: string;
  resolution: ShortageResolution;
  lineIds?: string[];
  substituteSku?: string;
  note?: string;
}

/**
 * A customer-service case with its SLA clock. It guards every transition: OPEN → CLAIMED →
 * RESOLVED, one decision per case, and the clock stops at the first human contact or a breach.
 */
export class Case {
  private readonly events: CaseEvent[] = [];

  private constructor(private readonly state: CaseState) {}

  static open(input: OpenCaseInput, policy: SlaPolicy): Case {
    const c = new Case({
      id: input.id,
      orderId: input.orderId,
      shopperId: input.shopperId,
      type: input.type,
      status: CaseStatus.OPEN,
      queue: policy.initialQueue(input.type),
      priority: policy.initialPriority(input.type),
      subject: input.subject ?? null,
      openedAt: input.now,
      slaDueAt: policy.dueAt(input.type, input.now),
      firstContactAt: null,
      breachedAt: null,
      agentId: null,
      claimedAt: null,
      resolvedAt: null,
      resolutionSummary: null,
      decision: null,
      version: 0,
    });
    c.events.push({ kind: 'opened', slaDueAt: c.state.slaDueAt, priority: c.state.priority, queue: c.state.queue });
    return c;
  }

  static restore(state: CaseState): Case {
    return new Case({ ...state });
  }

  get snapshot(): Readonly<CaseState> {
    return this.state;
  }

  /** The repository stored this state; later saves are conditional on the new version. */
  markSaved(): void {
    this.state.version += 1;
  }

  /** Events recorded since load; the caller publishes them with the save. */
  pullEvents(): CaseEvent[] {
    return this.events.splice(0);
  }

  claim(actor: CaseActor, now: Date): void {
    this.refuseIfResolved();
    if (this.state.status === CaseStatus.CLAIMED) {
      throw this.error(CaseErrorCode.CASE_ALREADY_CLAIMED, 'conflict', `Case already claimed by ${this.state.agentId}.`);
    }
    if (this.state.queue === CaseQueue.SUPERVISOR && actor.role !== 'supervisor') {
      throw this.error(CaseErrorCode.SUPERVISOR_ONLY, 'forbidden', 'This case is in the supervisor queue.');
    }
    this.state.status = CaseStatus.CLAIMED;
    this.state.agentId = actor.id;
    this.state.claimedAt = now;
    this.events.push({ kind: 'agent-joined', agentId: actor.id, joinedAt: now });
  }

  recordContactAttempt(actor: CaseActor, attempt: { attemptId: string; outcome: ContactOutcome; note?: string }, now: Date): void {
    this.refuseUnlessHandledBy(actor);
    const firstContact = this.stopClock(now);
    this.events.push({ kind: 'contact-attempted', attemptId: attempt.attemptId, agentId: actor.id, outcome: attempt.outcome, note: attempt.note, at: now, firstContact });
  }

  /** The agent speaks for the shopper, so only lines still awaiting a decision and offered answers are accepted. */
  recordDecision(actor: CaseActor, input: DecisionInput, pending: PendingShortage | null, now: Date): RecordedDecision {
    this.refuseUnlessHandledBy(actor);
    if (this.state.decision) {
      throw this.error(CaseErrorCode.DECISION_ALREADY_RECORDED, 'conflict', `Decision ${this.state.decision.decisionId} is already recorded on this case.`);
    }
    if (!pending || pending.lines.length === 0) {
      throw this.error(CaseErrorCode.NO_PENDING_SHORTAGE, 'conflict', 'The order has no short lines awaiting a decision.');
    }
    const lineIds = [...new Set(input.lineIds ?? pending.lines.map((l) => l.lineId))];
    const known = new Set(pending.lines.map((l) => l.lineId));
    const unknown = lineIds.filter((id) => !known.has(id));
    if (lineIds.length === 0 || unknown.length) {
      throw this.error(CaseErrorCode.DECISION_INVALID, 'invalid', `Lines not awaiting a decision: ${unknown.join(', ') || 'none given'}.`);
    }
    if (pending.options.length && !pending.options.includes(input.resolution)) {
      throw this.error(CaseErrorCode.DECISION_INVALID, 'invalid', `${input.resolution} was not offered; choose one of ${pending.options.join(', ')}.`);
    }
    if (input.substituteSku && input.resolution !== ShortageResolution.SUBSTITUTE) {
      throw this.error(CaseErrorCode.DECISION_INVALID, 'invalid', 'substituteSku only goes with SUBSTITUTE.');
    }
    this.stopClock(now);
    const decision: RecordedDecision = {
      decisionId: input.decisionId,
      resolution: input.resolution,
      lineIds,
      substituteSku: input.substituteSku,
      recordedAt: now.toISOString(),
      agentId: actor.id,
    };
    this.state.decision = decision;
    this.events.push({ kind: 'decision-recorded', agentId: actor.id, decision, note: input.note });
    return decision;
  }

  /** An unclaimed case may only be closed by a supervisor (e.g. a duplicate); a claimed one by its agent. */
  resolve(actor: CaseActor, summary: string | undefined, now: Date): void {
    this.refuseIfResolved();
    if (this.state.status === CaseStatus.OPEN && actor.role !== 'supervisor') {
      throw this.error(CaseErrorCode.CASE_NOT_CLAIMED, 'conflict', 'Claim the case before resolving it.');
    }
    if (this.state.status === CaseStatus.CLAIMED) this.refuseUnlessHandledBy(actor);
    this.state.status = CaseStatus.RESOLVED;
    this.state.resolvedAt = now;
    this.state.resolutionSummary = summary ?? null;
    this.events.push({ kind: 'resolved', by: actor.id, summary, at: now });
  }

  /**
   * The question answered itself before anyone took the case (the shopper decided through their link,
   * or the order was cancelled): close it rather than let it breach. A claimed case stays with its agent.
   */
  withdraw(reason: string, now: Date): boolean {
    if (this.state.status !== CaseStatus.OPEN) return false;
    this.state.status = CaseStatus.RESOLVED;
    this.state.resolvedAt = now;
    this.state.resolutionSummary = reason;
    this.events.push({ kind: 'resolved', by: 'customer-service', summary: reason, at: now });
    return true;
  }

  /** Nobody reached the shopper in time: raise the priority and hand the case to supervisors. */
  breach(now: Date, policy: SlaPolicy): void {
    this.refuseIfResolved();
    if (this.state.firstContactAt || this.state.breachedAt || now.getTime() < this.state.slaDueAt.getTime()) {
      throw this.error(CaseErrorCode.SLA_NOT_DUE, 'conflict', 'The SLA clock of this case is stopped or not yet due.');
    }
    this.state.breachedAt = now;
    this.state.priority = policy.escalatedPriority(this.state.priority);
    this.state.queue = CaseQueue.SUPERVISOR;
    this.events.push({ kind: 'sla-breached', dueAt: this.state.slaDueAt, breachedAt: now, escalatedTo: CaseQueue.SUPERVISOR, priority: this.state.priority });
  }

  /** True when this is the first human contact (the SLA clock stops now). */
  private stopClock(now: Date): boolean {
    if (this.state.firstContactAt) return false;
    this.state.firstContactAt = now;
    return true;
  }

  private refuseUnlessHandledBy(actor: CaseActor): void {
    this.refuseIfResolved();
    if (this.state.status !== CaseStatus.CLAIMED) {
      throw this.error(CaseErrorCode.CASE_NOT_CLAIMED, 'conflict', 'Claim the case first.');
    }
    if (this.state.agentId !== actor.id && actor.role !== 'supervisor') {
      throw this.error(CaseErrorCode.NOT_CASE_ASSIGNEE, 'forbidden', `The case is handled by ${this.state.agentId}.`);
    }
  }

  private refuseIfResolved(): void {
    if (this.state.status === CaseStatus.RESOLVED) throw this.error(CaseErrorCode.CASE_RESOLVED, 'conflict', 'The case is resolved.');
  }

  private error(code: CaseErrorCode, kind: 'conflict' | 'forbidden' | 'invalid', message: string): CaseRuleError {
    return new CaseRuleError(code, kind, message, { status: this.state.status, version: this.state.version });
  }
}
