import { randomUUID } from 'node:crypto';
import { CaseType } from '@askfirst/contracts';
import type { OutboxTransaction } from '@askfirst/messaging';
import { Case } from '../domain/case.aggregate';
import { SlaPolicy } from '../domain/sla-policy';
import type { CaseRepository } from '../infrastructure/case.repository';
import type { SlaMetrics } from '../infrastructure/sla-metrics';
import type { CaseEventPublisher } from './case-event.publisher';
import { OpenCaseUseCase } from './open-case.usecase';

// The use case's decisions around the one-open-case-per-(order, type) index, with the repository
// answering as PostgreSQL would in each interleaving (the SQL itself is covered by the integration tests).
describe('OpenCaseUseCase', () => {
  const policy = new SlaPolicy();
  const command = { orderId: randomUUID(), shopperId: 'shopper-1', type: CaseType.SHOPPER_ASKED_FOR_HUMAN };
  const tx = { manager: {} } as OutboxTransaction;

  function useCase(inserts: boolean[], finds: (Case | null)[]) {
    const published: Case[] = [];
    const cases = {
      insertIfNoneOpen: jest.fn(async () => inserts.shift() ?? false),
      findOpen: jest.fn(async () => finds.shift() ?? null),
    } as unknown as CaseRepository;
    const publisher = { publish: async (_tx: unknown, c: Case) => void published.push(c) } as unknown as CaseEventPublisher;
    const metrics = { caseOpened: () => undefined } as unknown as SlaMetrics;
    return { run: () => new OpenCaseUseCase(cases, publisher, policy, metrics).execute(tx, command), published, cases };
  }

  it('opens and publishes a new case when none is open', async () => {
    const { run, published } = useCase([true], []);
    const result = await run();
    expect(result.created).toBe(true);
    expect(published.map((c) => c.snapshot.id)).toEqual([result.case.id]);
  });

  it('returns the open case of the same order and type without publishing', async () => {
    const open = Case.open({ id: randomUUID(), ...command, now: new Date() }, policy);
    const { run, published } = useCase([false], [open]);
    expect(await run()).toEqual({ case: open.snapshot, created: false });
    expect(published).toEqual([]);
  });

  it('opens a new case when the conflicting one was resolved between the insert and the look-up (no 500)', async () => {
    const { run, published, cases } = useCase([false, true], [null]);
    const result = await run();
    expect(result.created).toBe(true);
    expect(published).toHaveLength(1);
    expect(cases.insertIfNoneOpen).toHaveBeenCalledTimes(2);
  });
});
