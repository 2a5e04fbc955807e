import { lingerBeforeNextFetch } from './event-consumer';

describe('the consumer fetch linger', () => {
  it('waits out the rest of the linger when the batch was handled soon after its fetch started', () => {
    expect(lingerBeforeNextFetch(1_000, 1_004, 25)).toBe(21);
  });

  it('does not wait once the linger has passed since the fetch started (a long poll through a quiet spell, or slow handlers)', () => {
    expect(lingerBeforeNextFetch(1_000, 1_025, 25)).toBe(0);
    expect(lingerBeforeNextFetch(1_000, 1_300, 25)).toBe(0);
  });

  it('never waits longer than the linger, even if the clock stepped back', () => {
    expect(lingerBeforeNextFetch(1_000, 900, 25)).toBe(25);
  });

  it('does not wait when the linger is off', () => {
    expect(lingerBeforeNextFetch(1_000, 1_000, 0)).toBe(0);
  });
});
