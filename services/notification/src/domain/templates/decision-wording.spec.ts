import { DecisionSource, NoAnswerFallback, ShortageResolution } from '@askfirst/contracts';
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
    expect(whoDecided({ source, resolution, lineIds: [], noAnswerMinutes: 10 })).toBe(expected(source, phrases[resolution]));
  });

  it('names the substitute when it is known', () => {
    expect(resolutionPhrase(ShortageResolution.SUBSTITUTE, 'Vanilla cake')).toBe('replace it with Vanilla cake');
  });

  it('says "in time" when the window is unknown', () => {
    expect(whoDecided({ source: DecisionSource.SHOPPER_PRESET_FALLBACK, resolution: ShortageResolution.CANCEL_ORDER, lineIds: [] })).toBe(
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
