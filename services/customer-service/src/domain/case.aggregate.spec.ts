import { CaseType, ShortageResolution } from '@askfirst/contracts';
import { Case } from './case.aggregate';
import { CaseActor, CaseQueue, CaseStatus, ContactOutcome } from './case-status';
import { CaseErrorCode, CaseRuleError } from './case.errors';
import { PendingShortage } from './pending-shortage';
import { SlaPolicy } from './sla-policy';

const policy = new SlaPolicy();
const t0 = new Date('2026-11-20T10:00:00.000Z');
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);
const CAKE = '00000000-0000-4000-8000-0000000000ca';
const BREAD = '00000000-0000-4000-8000-0000000000b1';
const pending: PendingShortage = {
  lines: [
    { lineId: CAKE, sku: 'CAKE-CREAM', name: 'Cream cake', quantityOrdered: 1, quantityShort: 1 },
    { lineId: BREAD, sku: 'BREAD-RYE', name: 'Rye bread', quantityOrdered: 2, quantityShort: 1 },
  ],
  options: [ShortageResolution.WAIT_FOR_RESTOCK, ShortageResolution.SUBSTITUTE, ShortageResolution.REFUND_ITEM_SHIP_REST, ShortageResolution.CANCEL_ORDER],
  decisionDeadline: at(3600).toISOString(),
  fallback: 'REFUND_ITEM_SHIP_REST',
};

const agent: CaseActor = { id: 'agent-1', role: 'agent' };
const otherAgent: CaseActor = { id: 'agent-2', role: 'agent' };
const supervisor: CaseActor = { id: 'sup-1', role: 'supervisor' };

function openCase(type = CaseType.SHORTAGE_CONTACT): Case {
  const c = Case.open({ id: 'case-1', orderId: 'order-1', shopperId: 'shopper-1', type, now: t0 }, policy);
  c.pullEvents();
  return c;
}

type Setup = 'open' | 'open-supervisor-queue' | 'claimed' | 'resolved';
function inState(setup: Setup): Case {
  const c = openCase(setup === 'open-supervisor-queue' ? CaseType.ESCALATION : CaseType.SHORTAGE_CONTACT);
  if (setup === 'claimed' || setup === 'resolved') c.claim(agent, at(10));
  if (setup === 'resolved') c.resolve(agent, 'done', at(20));
  c.pullEvents();
  return c;
}

type Command = 'claim' | 'contact' | 'decide' | 'resolve' | 'breach';
const run: Record<Command, (c: Case, actor: CaseActor) => void> = {
  claim: (c, actor) => c.claim(actor, at(30)),
  contact: (c, actor) => c.recordContactAttempt(actor, { attemptId: 'a-1', outcome: ContactOutcome.REACHED }, at(30)),
  decide: (c, actor) => c.recordDecision(actor, { decisionId: 'd-1', resolution: ShortageResolution.REFUND_ITEM_SHIP_REST, lineIds: [CAKE] }, pending, at(30)),
  resolve: (c, actor) => c.resolve(actor, undefined, at(30)),
  breach: (c) => c.breach(at(3600), policy),
};

function outcome(setup: Setup, command: Command, actor: CaseActor): string {
  const c = inState(setup);
  try {
    run[command](c, actor);
    return `ok:${c.snapshot.status}`;
  } catch (error) {
    if (error instanceof CaseRuleError) return error.code;
    throw error;
  }
}

describe('Case transitions (every state × command × actor)', () => {
  const { CASE_ALREADY_CLAIMED, CASE_NOT_CLAIMED, CASE_RESOLVED, NOT_CASE_ASSIGNEE, SUPERVISOR_ONLY } = CaseErrorCode;
  // [state, command, agent (assignee when claimed), another agent, supervisor]
  const table: [Setup, Command, string, string, string][] = [
    ['open', 'claim', 'ok:CLAIMED', 'ok:CLAIMED', 'ok:CLAIMED'],
    ['open', 'contact', CASE_NOT_CLAIMED, CASE_NOT_CLAIMED, CASE_NOT_CLAIMED],
    ['open', 'decide', CASE_NOT_CLAIMED, CASE_NOT_CLAIMED, CASE_NOT_CLAIMED],
    ['open', 'resolve', CASE_NOT_CLAIMED, CASE_NOT_CLAIMED, 'ok:RESOLVED'],
    ['open', 'breach', 'ok:OPEN', 'ok:OPEN', 'ok:OPEN'],
    ['open-supervisor-queue', 'claim', SUPERVISOR_ONLY, SUPERVISOR_ONLY, 'ok:CLAIMED'],
    ['open-supervisor-queue', 'contact', CASE_NOT_CLAIMED, CASE_NOT_CLAIMED, CASE_NOT_CLAIMED],
    ['open-supervisor-queue', 'decide', CASE_NOT_CLAIMED, CASE_NOT_CLAIMED, CASE_NOT_CLAIMED],
    ['open-supervisor-queue', 'resolve', CASE_NOT_CLAIMED, CASE_NOT_CLAIMED, 'ok:RESOLVED'],
    ['open-supervisor-queue', 'breach', 'ok:OPEN', 'ok:OPEN', 'ok:OPEN'],
    ['claimed', 'claim', CASE_ALREADY_CLAIMED, CASE_ALREADY_CLAIMED, CASE_ALREADY_CLAIMED],
    ['claimed', 'contact', 'ok:CLAIMED', NOT_CASE_ASSIGNEE, 'ok:CLAIMED'],
    ['claimed', 'decide', 'ok:CLAIMED', NOT_CASE_ASSIGNEE, 'ok:CLAIMED'],
    ['claimed', 'resolve', 'ok:RESOLVED', NOT_CASE_ASSIGNEE, 'ok:RESOLVED'],
    ['claimed', 'breach', 'ok:CLAIMED', 'ok:CLAIMED', 'ok:CLAIMED'],
    ['resolved', 'claim', CASE_RESOLVED, CASE_RESOLVED, CASE_RESOLVED],
    ['resolved', 'contact', CASE_RESOLVED, CASE_RESOLVED, CASE_RESOLVED],
    ['resolved', 'decide', CASE_RESOLVED, CASE_RESOLVED, CASE_RESOLVED],
    ['resolved', 'resolve', CASE_RESOLVED, CASE_RESOLVED, CASE_RESOLVED],
    ['resolved', 'breach', CASE_RESOLVED, CASE_RESOLVED, CASE_RESOLVED],
  ];

  it('covers every state and command', () => {
    const setups: Setup[] = ['open', 'open-supervisor-queue', 'claimed', 'resolved'];
    const commands = Object.keys(run) as Command[];
    expect(table.map(([s, c]) => `${s}/${c}`).sort()).toEqual(setups.flatMap((s) => commands.map((c) => `${s}/${c}`)).sort());
  });

  it.each(table)('%s + %s → agent %s, other agent %s, supervisor %s', (setup, command, byAgent, byOther, bySupervisor) => {
    expect(outcome(setup, command, agent)).toBe(byAgent);
    expect(outcome(setup, command, otherAgent)).toBe(byOther);
    expect(outcome(setup, command, supervisor)).toBe(bySupervisor);
  });

  it('reports the current status and version with a refusal', () => {
    const c = inState('claimed');
    const error = (() => {
      try {
        c.claim(otherAgent, at(40));
      } catch (e) {
        return e as CaseRuleError;
      }
    })();
    expect(error).toMatchObject({ kind: 'conflict', current: { status: CaseStatus.CLAIMED, version: 0 } });
  });
});

describe('Case opening and its SLA', () => {
  it.each([
    [CaseType.SHORTAGE_CONTACT, 300, CaseQueue.AGENT],
    [CaseType.SHOPPER_ASKED_FOR_HUMAN, 120, CaseQueue.AGENT],
    [CaseType.UNREACHABLE_SHOPPER, 300, CaseQueue.AGENT],
    [CaseType.ESCALATION, 600, CaseQueue.SUPERVISOR],
  ])('%s is due %i s after opening, in the %s queue', (type, seconds, queue) => {
    const c = Case.open({ id: 'c', orderId: 'o', shopperId: 's', type, now: t0 }, policy);
    expect(c.snapshot).toMatchObject({ status: CaseStatus.OPEN, queue, slaDueAt: at(seconds) });
    expect(c.pullEvents()).toEqual([{ kind: 'opened', slaDueAt: at(seconds), priority: c.snapshot.priority, queue }]);
    expect(c.pullEvents()).toEqual([]);
  });

  it('honours a configured policy', () => {
    const quick = new SlaPolicy({ SHORTAGE_CONTACT: 1, SHOPPER_ASKED_FOR_HUMAN: 2, UNREACHABLE_SHOPPER: 3, ESCALATION: 4 });
    expect(Case.open({ id: 'c', orderId: 'o', shopperId: 's', type: CaseType.SHOPPER_ASKED_FOR_HUMAN, now: t0 }, quick).snapshot.slaDueAt).toEqual(at(2));
  });
});

describe('SLA breach', () => {
  it('is refused before the due time and once the clock has stopped', () => {
    const early = openCase();
    expect(() => early.breach(at(299), policy)).toThrow(expect.objectContaining({ code: CaseErrorCode.SLA_NOT_DUE }));

    const contacted = openCase();
    contacted.claim(agent, at(10));
    contacted.recordContactAttempt(agent, { attemptId: 'a', outcome: ContactOutcome.NO_ANSWER }, at(20));
    expect(() => contacted.breach(at(400), policy)).toThrow(expect.objectContaining({ code: CaseErrorCode.SLA_NOT_DUE }));
  });

  it('happens once: raises the priority and moves the case to supervisors', () => {
    const c = openCase();
    const before = c.snapshot.priority;
    c.breach(at(300), policy);
    expect(c.snapshot).toMatchObject({ breachedAt: at(300), queue: CaseQueue.SUPERVISOR, priority: before + 3 });
    expect(c.pullEvents()).toEqual([{ kind: 'sla-breached', dueAt: at(300), breachedAt: at(300), escalatedTo: CaseQueue.SUPERVISOR, priority: before + 3 }]);
    expect(() => c.breach(at(500), policy)).toThrow(expect.objectContaining({ code: CaseErrorCode.SLA_NOT_DUE }));
  });

  it('caps the raised priority', () => {
    const c = openCase(CaseType.ESCALATION);
    c.breach(at(600), policy);
    expect(c.snapshot.priority).toBe(10);
  });
});

describe('contact attempts', () => {
  it('stop the SLA clock at the first attempt only', () => {
    const c = inState('claimed');
    c.recordContactAttempt(agent, { attemptId: 'a-1', outcome: ContactOutcome.NO_ANSWER, note: 'rang 6 times' }, at(40));
    c.recordContactAttempt(agent, { attemptId: 'a-2', outcome: ContactOutcome.REACHED }, at(90));
    expect(c.snapshot.firstContactAt).toEqual(at(40));
    expect(c.pullEvents().map((e) => e.kind === 'contact-attempted' && e.firstContact)).toEqual([true, false]);
  });
});

describe('recording the shopper decision', () => {
  const decide = (c: Case, input: Partial<Parameters<Case['recordDecision']>[1]>, p: PendingShortage | null = pending) =>
    c.recordDecision(agent, { decisionId: 'd-1', resolution: ShortageResolution.REFUND_ITEM_SHIP_REST, ...input }, p, at(60));

  it('records the chosen lines and stops the clock', () => {
    const c = inState('claimed');
    const decision = decide(c, { lineIds: [CAKE], note: 'shopper said refund the cake' });
    expect(decision).toMatchObject({ decisionId: 'd-1', resolution: ShortageResolution.REFUND_ITEM_SHIP_REST, lineIds: [CAKE], agentId: 'agent-1' });
    expect(c.snapshot.firstContactAt).toEqual(at(60));
    expect(c.pullEvents()).toEqual([{ kind: 'decision-recorded', agentId: 'agent-1', decision, note: 'shopper said refund the cake' }]);
  });

  it('defaults to every pending line', () => {
    expect(decide(inState('claimed'), {}).lineIds).toEqual([CAKE, BREAD]);
  });

  it.each([
    ['a line that is not short', { lineIds: ['00000000-0000-4000-8000-000000000999'] }, CaseErrorCode.DECISION_INVALID],
    ['no lines', { lineIds: [] }, CaseErrorCode.DECISION_INVALID],
    ['an answer that was not offered', { resolution: ShortageResolution.KEEP_HOLDING }, CaseErrorCode.DECISION_INVALID],
    ['a substitute SKU without SUBSTITUTE', { substituteSku: 'CAKE-CHOC' }, CaseErrorCode.DECISION_INVALID],
  ])('refuses %s', (_what, input, code) => {
    expect(() => decide(inState('claimed'), input)).toThrow(expect.objectContaining({ code }));
  });

  it('accepts a named substitute', () => {
    expect(decide(inState('claimed'), { resolution: ShortageResolution.SUBSTITUTE, substituteSku: 'CAKE-CHOC', lineIds: [CAKE] }).substituteSku).toBe('CAKE-CHOC');
  });

  it('refuses when nothing awaits a decision, and a second decision', () => {
    expect(() => decide(inState('claimed'), {}, null)).toThrow(expect.objectContaining({ code: CaseErrorCode.NO_PENDING_SHORTAGE }));
    expect(() => decide(inState('claimed'), {}, { ...pending, lines: [] })).toThrow(expect.objectContaining({ code: CaseErrorCode.NO_PENDING_SHORTAGE }));
    const c = inState('claimed');
    decide(c, {});
    expect(() => decide(c, {})).toThrow(expect.objectContaining({ code: CaseErrorCode.DECISION_ALREADY_RECORDED }));
  });
});

describe('withdrawing a case whose question answered itself', () => {
  it('closes an unclaimed case with the reason, and leaves claimed or resolved ones alone', () => {
    const open = inState('open');
    expect(open.withdraw('The shopper decided through their decision link.', at(50))).toBe(true);
    expect(open.snapshot).toMatchObject({ status: CaseStatus.RESOLVED, resolutionSummary: 'The shopper decided through their decision link.' });
    expect(open.pullEvents()).toEqual([{ kind: 'resolved', by: 'customer-service', summary: 'The shopper decided through their decision link.', at: at(50) }]);
    for (const setup of ['claimed', 'resolved'] as const) {
      const c = inState(setup);
      expect(c.withdraw('x', at(50))).toBe(false);
      expect(c.pullEvents()).toEqual([]);
    }
  });
});
