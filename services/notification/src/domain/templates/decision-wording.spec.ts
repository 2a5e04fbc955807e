import { DecisionSource, FallbackReason, NoAnswerFallback, ShortageResolution } from '@askfirst/contracts';
import { fallbackPhrase, resolutionPhrase, whoDecided } from './decision-wording';

describe('who decided, in plain words', () => {
  const phrases: Record<ShortageResolution, string> = {
    [ShortageResolution.REFUND_ITEM_SHIP_REST]: 'refund missing items and ship the rest',
    [ShortageResolution.CANCEL_ORDER]: 'cancel the order',
    [ShortageResolution.SUBSTITUTE]: 'replace it with the closest match',
    [ShortageResolution.WAIT_FOR_RESTOCK]: 'wait for the item to be restocked',
    [ShortageResolution.KEEP_HOLDING]: 'hold the order until we reach you',
  };
  const expected = (source: DecisionSource, phrase: string): string => {
    switch (source) {
      case DecisionSource.SHOPPER_PRESET:
        return `you chose at checkout: ${phrase}`;
      case DecisionSource.SHOPPER:
        return `you chose: ${phrase}`;
      case DecisionSource.AGENT_FOR_SHOPPER:
        return `as you asked our agent: ${phrase}`;
      case DecisionSource.SHOPPER_PRESET_FALLBACK:
        return `you didn't answer within 10 minutes, so we applied your choice: ${phrase}`;
    }
  };

  const every = Object.values(DecisionSource).flatMap((source) => Object.values(ShortageResolution).map((resolution) => [source, resolution] as const));

  it.each(every)('%s + %s', (source, resolution) => {
    expect(whoDecided({ source, resolution, lineIds: [], fallbackReason: FallbackReason.NO_ANSWER, noAnswerMinutes: 10 })).toBe(expected(source, phrases[resolution]));
  });

  it('gives the real reason of a fallback: no substitute could be held, never "you didn\'t answer"', () => {
    const decision = { source: DecisionSource.SHOPPER_PRESET_FALLBACK, resolution: ShortageResolution.REFUND_ITEM_SHIP_REST, lineIds: [], fallbackReason: FallbackReason.SUBSTITUTE_UNAVAILABLE, noAnswerMinutes: 10 };
    expect(whoDecided(decision)).toBe("we couldn't get a replacement, so we applied your choice: refund missing items and ship the rest");
  });

  it('invents no reason when an older event does not say why the fallback applied', () => {
    const decision = { source: DecisionSource.SHOPPER_PRESET_FALLBACK, resolution: ShortageResolution.CANCEL_ORDER, lineIds: [], noAnswerMinutes: 10 };
    expect(whoDecided(decision)).toBe('we applied the fallback you chose at checkout: cancel the order');
  });

  it('names the substitute when it is known', () => {
    expect(resolutionPhrase(ShortageResolution.SUBSTITUTE, 'Vanilla cake')).toBe('replace it with Vanilla cake');
  });

  it('says "in time" when the window is unknown', () => {
    expect(whoDecided({ source: DecisionSource.SHOPPER_PRESET_FALLBACK, resolution: ShortageResolution.CANCEL_ORDER, lineIds: [], fallbackReason: FallbackReason.NO_ANSWER })).toBe(
      "you didn't answer in time, so we applied your choice: cancel the order",
    );
  });

  it.each(Object.values(NoAnswerFallback))('words the fallback %s', (fallback) => {
    expect(fallbackPhrase(fallback)).toBe(phrases[fallback as unknown as ShortageResolution]);
  });

  it('words an unknown fallback without failing', () => {
    expect(fallbackPhrase('CALL_MY_MUM')).toBe('call my mum');
  });
});
