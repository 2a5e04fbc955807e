import { LoopWaker } from '../src/loop-waker';

/** Whether a promise has settled, after letting pending callbacks run. */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  void promise.then(() => (done = true));
  await jest.advanceTimersByTimeAsync(0);
  return done;
}

describe('LoopWaker', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('sleeps for the poll interval when nothing wakes it', async () => {
    const sleep = new LoopWaker().sleep(1_000);
    await jest.advanceTimersByTimeAsync(999);
    expect(await settled(sleep)).toBe(false);
    await jest.advanceTimersByTimeAsync(1);
    expect(await settled(sleep)).toBe(true);
  });

  it('wake() ends the current sleep at once', async () => {
    const waker = new LoopWaker();
    const sleep = waker.sleep(60_000);
    waker.wake();
    expect(await settled(sleep)).toBe(true);
    // That wake-up is used up: the next sleep lasts its full length.
    expect(await settled(waker.sleep(60_000))).toBe(false);
  });

  it('keeps a wake that comes while the loop is busy for the next sleep, once', async () => {
    const waker = new LoopWaker();
    waker.wake();
    waker.wake();
    expect(await settled(waker.sleep(60_000))).toBe(true);
    expect(await settled(waker.sleep(60_000))).toBe(false);
  });

  it('interrupt() ends the current sleep but leaves no wake behind, and does nothing while busy', async () => {
    const waker = new LoopWaker();
    const sleep = waker.sleep(60_000);
    waker.interrupt();
    expect(await settled(sleep)).toBe(true);
    waker.interrupt();
    expect(await settled(waker.sleep(60_000))).toBe(false);
  });

  it('pause() (failure backoff) ends on wake or interrupt, and a wake stays pending for the next sleep', async () => {
    const waker = new LoopWaker();
    const woken = waker.pause(5_000);
    waker.wake();
    expect(await settled(woken)).toBe(true);
    expect(await settled(waker.sleep(60_000))).toBe(true);

    const interrupted = waker.pause(5_000);
    waker.interrupt();
    expect(await settled(interrupted)).toBe(true);
    expect(await settled(waker.sleep(60_000))).toBe(false);
  });

  it('a pause with no wake-up lasts its length', async () => {
    const pause = new LoopWaker().pause(5_000);
    await jest.advanceTimersByTimeAsync(4_999);
    expect(await settled(pause)).toBe(false);
    await jest.advanceTimersByTimeAsync(1);
    expect(await settled(pause)).toBe(true);
  });
});
