import { CHECK_PENDING_REQUESTS_INTERVAL_MS, installRequestQueueFix, KafkajsRequestQueue, RequestQueueInternals } from '../src/kafka/request-queue-fix';

type Queue = RequestQueueInternals & { destroy(): void };

const quietLogger = { debug() {}, info() {}, warn() {}, error() {} };
function newQueue(): Queue {
  const Ctor = KafkajsRequestQueue as unknown as new (options: object) => Queue;
  return new Ctor({ maxInFlightRequests: 1, requestTimeout: 30_000, enforceRequestTimeout: true, clientId: 't', broker: 'b:9092', logger: quietLogger });
}

/** Calls the (installed) prototype method, not a spy. */
function schedule(queue: Queue): void {
  (Object.getPrototypeOf(queue) as Queue).scheduleCheckPendingRequests.call(queue);
}

// kafkajs's own RequestQueue class with our scheduleCheckPendingRequests in place.
describe('kafkajs request queue, idle-loop fix', () => {
  beforeAll(() => installRequestQueueFix());
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('was written against kafkajs 2.2.4: on an upgrade, re-read RequestQueue.scheduleCheckPendingRequests and drop or adapt the fix', () => {
    expect((require('kafkajs/package.json') as { version: string }).version).toBe('2.2.4');
  });

  it('arms no timer when nothing waits and nothing throttles (kafkajs 2.2.4 re-armed a 1 ms timer forever)', () => {
    const queue = newQueue();
    const checks = jest.spyOn(queue, 'checkPendingRequests');
    queue.checkPendingRequests();
    expect(queue.throttleCheckTimeoutId).toBeNull();
    jest.advanceTimersByTime(1_000);
    expect(checks).toHaveBeenCalledTimes(1);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('re-checks a waiting request at the end of a throttle', () => {
    const queue = newQueue();
    queue.throttledUntil = Date.now() + 500;
    queue.pending.push({ fake: true });
    const checks = jest.spyOn(queue, 'checkPendingRequests').mockImplementation(() => undefined);
    schedule(queue);
    expect(queue.throttleCheckTimeoutId).not.toBeNull();
    jest.advanceTimersByTime(499);
    expect(checks).not.toHaveBeenCalled();
    jest.advanceTimersByTime(1);
    expect(checks).toHaveBeenCalledTimes(1);
    queue.destroy();
  });

  it('re-checks a waiting request every 10 ms while the queue is over its in-flight limit (kafkajs behaviour kept)', () => {
    const queue = newQueue();
    queue.pending.push({ fake: true });
    const checks = jest.spyOn(queue, 'checkPendingRequests').mockImplementation(() => undefined);
    schedule(queue);
    jest.advanceTimersByTime(CHECK_PENDING_REQUESTS_INTERVAL_MS - 1);
    expect(checks).not.toHaveBeenCalled();
    jest.advanceTimersByTime(1);
    expect(checks).toHaveBeenCalledTimes(1);
    queue.destroy();
  });

  it('still checks once a throttle ends even with nothing waiting yet', () => {
    const queue = newQueue();
    queue.throttledUntil = Date.now() + 100;
    const checks = jest.spyOn(queue, 'checkPendingRequests').mockImplementation(() => undefined);
    schedule(queue);
    jest.advanceTimersByTime(100);
    expect(checks).toHaveBeenCalledTimes(1);
  });
});
