import { DecisionSource, FallbackReason, NoAnswerFallback, ShortageChoice, ShortageResolution } from '@askfirst/contracts';
import { Decision } from './decision';
import { OrderRuleError } from './order-errors';
import {
  contactWindowMinutes, deadlineFallbackDecisions, normalizePolicy, PolicyLine, presetDecisions, ShortagePolicy, substituteFallbackDecision,
} from './shortage-policy';

const NOW = new Date('2026-11-20T10:00:00Z');
const { CONTACT_ME, REFUND_ITEM_SHIP_REST, CANCEL_ORDER, SUBSTITUTE } = ShortageChoice;
const l = (id: string, policy: ShortagePolicy): PolicyLine => ({ id, policy });
const summary = (ds: { source: string; resolution: string; lineIds: readonly string[]; substituteSku?: string }[]) =>
  ds.map((d) => ({ source: d.source, resolution: d.resolution, lineIds: [...d.lineIds], ...(d.substituteSku ? { substituteSku: d.substituteSku } : {}) }));

describe('normalizePolicy', () => {
  it('keeps a complete CONTACT_ME and refuses one without window or fallback (no invented default)', () => {
    const full = { choice: CONTACT_ME, ifNoAnswerWithinMinutes: 15, thenFallback: NoAnswerFallback.KEEP_HOLDING };
    expect(normalizePolicy(full)).toEqual(full);
    expect(() => normalizePolicy({ choice: CONTACT_ME, thenFallback: NoAnswerFallback.CANCEL_ORDER })).toThrow(/ifNoAnswerWithin/);
    expect(() => normalizePolicy({ choice: CONTACT_ME, ifNoAnswerWithinMinutes: 0, thenFallback: NoAnswerFallback.CANCEL_ORDER })).toThrow(/ifNoAnswerWithin/);
    expect(() => normalizePolicy({ choice: CONTACT_ME, ifNoAnswerWithinMinutes: 24 * 60 + 1, thenFallback: NoAnswerFallback.CANCEL_ORDER })).toThrow(OrderRuleError);
    expect(() => normalizePolicy({ choice: CONTACT_ME, ifNoAnswerWithinMinutes: 5 })).toThrow(/thenFallback/);
    expect(() => normalizePolicy({ ...full, substituteSku: 'CAKE-2' })).toThrow(/substituteSku/);
  });

  it('makes SUBSTITUTE\'s fallback explicit (documented default REFUND_ITEM_SHIP_REST) and keeps a named SKU', () => {
    expect(normalizePolicy({ choice: SUBSTITUTE })).toEqual({ choice: SUBSTITUTE, thenFallback: NoAnswerFallback.REFUND_ITEM_SHIP_REST });
    expect(normalizePolicy({ choice: SUBSTITUTE, substituteSku: 'CAKE-2', thenFallback: NoAnswerFallback.KEEP_HOLDING }))
      .toEqual({ choice: SUBSTITUTE, substituteSku: 'CAKE-2', thenFallback: NoAnswerFallback.KEEP_HOLDING });
    expect(() => normalizePolicy({ choice: SUBSTITUTE, ifNoAnswerWithinMinutes: 3 })).toThrow(OrderRuleError);
  });

  it.each([REFUND_ITEM_SHIP_REST, CANCEL_ORDER])('%s stands alone', (choice) => {
    expect(normalizePolicy({ choice })).toEqual({ choice });
    expect(() => normalizePolicy({ choice, thenFallback: NoAnswerFallback.KEEP_HOLDING })).toThrow(OrderRuleError);
    expect(() => normalizePolicy({ choice, substituteSku: 'X1' })).toThrow(OrderRuleError);
    expect(() => normalizePolicy({ choice, ifNoAnswerWithinMinutes: 1 })).toThrow(OrderRuleError);
  });

  it('refuses an unknown choice', () => {
    expect(() => normalizePolicy({ choice: 'SURPRISE_ME' as ShortageChoice })).toThrow(/unknown shortage choice/);
  });
});

describe('presetDecisions (source SHOPPER_PRESET)', () => {
  const contact = { choice: CONTACT_ME, ifNoAnswerWithinMinutes: 5, thenFallback: NoAnswerFallback.REFUND_ITEM_SHIP_REST };

  it.each([
    [REFUND_ITEM_SHIP_REST, ShortageResolution.REFUND_ITEM_SHIP_REST],
    [CANCEL_ORDER, ShortageResolution.CANCEL_ORDER],
    [SUBSTITUTE, ShortageResolution.SUBSTITUTE],
  ])('%s on a short line becomes a %s decision for it', (choice, resolution) => {
    expect(summary(presetDecisions([l('a', { choice })], NOW))).toEqual([{ source: DecisionSource.SHOPPER_PRESET, resolution, lineIds: ['a'] }]);
  });

  it('CONTACT_ME lines get no decision: they wait for the shopper', () => {
    expect(presetDecisions([l('a', contact)], NOW)).toEqual([]);
  });

  it('one CANCEL_ORDER line cancels the whole order: it is the only decision', () => {
    const decisions = presetDecisions([l('a', { choice: REFUND_ITEM_SHIP_REST }), l('b', { choice: CANCEL_ORDER }), l('c', contact)], NOW);
    expect(summary(decisions)).toEqual([{ source: DecisionSource.SHOPPER_PRESET, resolution: ShortageResolution.CANCEL_ORDER, lineIds: ['b'] }]);
  });

  it('groups refunds in one decision and substitutions by named SKU (best match apart)', () => {
    const decisions = presetDecisions([
      l('a', { choice: REFUND_ITEM_SHIP_REST }), l('b', { choice: REFUND_ITEM_SHIP_REST }),
      l('c', { choice: SUBSTITUTE, substituteSku: 'CAKE-2' }), l('d', { choice: SUBSTITUTE }), l('e', { choice: SUBSTITUTE, substituteSku: 'CAKE-2' }),
      l('f', contact),
    ], NOW);
    expect(summary(decisions)).toEqual([
      { source: 'SHOPPER_PRESET', resolution: 'REFUND_ITEM_SHIP_REST', lineIds: ['a', 'b'] },
      { source: 'SHOPPER_PRESET', resolution: 'SUBSTITUTE', lineIds: ['c', 'e'], substituteSku: 'CAKE-2' },
      { source: 'SHOPPER_PRESET', resolution: 'SUBSTITUTE', lineIds: ['d'] },
    ]);
    expect(new Set(decisions.map((d) => d.id)).size).toBe(3);
  });
});

describe('contactWindowMinutes', () => {
  it('is the line\'s own window: a 60-minute line waits 60 minutes whatever its neighbours chose', () => {
    expect(contactWindowMinutes({ choice: CONTACT_ME, ifNoAnswerWithinMinutes: 60, thenFallback: NoAnswerFallback.CANCEL_ORDER })).toBe(60);
    expect(contactWindowMinutes({ choice: CONTACT_ME, ifNoAnswerWithinMinutes: 5, thenFallback: NoAnswerFallback.CANCEL_ORDER })).toBe(5);
  });
});

describe('deadlineFallbackDecisions (source SHOPPER_PRESET_FALLBACK)', () => {
  const c = (thenFallback?: NoAnswerFallback) => ({ choice: CONTACT_ME, ifNoAnswerWithinMinutes: 5, thenFallback });

  it.each([
    [NoAnswerFallback.REFUND_ITEM_SHIP_REST, ShortageResolution.REFUND_ITEM_SHIP_REST],
    [NoAnswerFallback.CANCEL_ORDER, ShortageResolution.CANCEL_ORDER],
    [NoAnswerFallback.KEEP_HOLDING, ShortageResolution.KEEP_HOLDING],
  ])('thenFallback %s becomes %s, because nobody answered (NO_ANSWER)', (fallback, resolution) => {
    const decisions = deadlineFallbackDecisions([l('a', c(fallback))], NOW);
    expect(summary(decisions)).toEqual([{ source: 'SHOPPER_PRESET_FALLBACK', resolution, lineIds: ['a'] }]);
    expect(decisions[0].toWire()).toMatchObject({ source: 'SHOPPER_PRESET_FALLBACK', fallbackReason: FallbackReason.NO_ANSWER });
  });

  it('a missing fallback holds (moves no money); cancel wins; refunds come before holding', () => {
    expect(summary(deadlineFallbackDecisions([l('a', c())], NOW))[0].resolution).toBe('KEEP_HOLDING');
    expect(summary(deadlineFallbackDecisions([l('a', c(NoAnswerFallback.KEEP_HOLDING)), l('b', c(NoAnswerFallback.CANCEL_ORDER))], NOW)))
      .toEqual([{ source: 'SHOPPER_PRESET_FALLBACK', resolution: 'CANCEL_ORDER', lineIds: ['b'] }]);
    expect(summary(deadlineFallbackDecisions([l('a', c(NoAnswerFallback.KEEP_HOLDING)), l('b', c(NoAnswerFallback.REFUND_ITEM_SHIP_REST))], NOW)).map((d) => d.resolution))
      .toEqual(['REFUND_ITEM_SHIP_REST', 'KEEP_HOLDING']);
  });
});

describe('substituteFallbackDecision', () => {
  it('says why it applied: no substitute could be held (SUBSTITUTE_UNAVAILABLE)', () => {
    const decision = substituteFallbackDecision(l('a', { choice: SUBSTITUTE, thenFallback: NoAnswerFallback.REFUND_ITEM_SHIP_REST }), NOW);
    expect(decision.toWire()).toEqual({
      decisionId: decision.id, source: 'SHOPPER_PRESET_FALLBACK', resolution: 'REFUND_ITEM_SHIP_REST', lineIds: ['a'], fallbackReason: FallbackReason.SUBSTITUTE_UNAVAILABLE,
    });
  });

  it('applies the line\'s own fallback, REFUND_ITEM_SHIP_REST when it has none', () => {
    expect(summary([substituteFallbackDecision(l('a', { choice: SUBSTITUTE, thenFallback: NoAnswerFallback.KEEP_HOLDING }), NOW)]))
      .toEqual([{ source: 'SHOPPER_PRESET_FALLBACK', resolution: 'KEEP_HOLDING', lineIds: ['a'] }]);
    expect(substituteFallbackDecision(l('a', { choice: SUBSTITUTE }), NOW).resolution).toBe('REFUND_ITEM_SHIP_REST');
  });
});

describe('fallback reasons belong to fallbacks only', () => {
  it.each([DecisionSource.SHOPPER_PRESET, DecisionSource.SHOPPER, DecisionSource.AGENT_FOR_SHOPPER])('a %s decision cannot carry one', (source) => {
    expect(() => Decision.record({ source, resolution: ShortageResolution.REFUND_ITEM_SHIP_REST, lineIds: ['a'], fallbackReason: FallbackReason.NO_ANSWER, decidedAt: NOW }))
      .toThrow(/fallback reason/);
  });
});
