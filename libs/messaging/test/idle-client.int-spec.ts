import { Topics } from '@askfirst/contracts';
import { MessagingHarness } from './harness';

/** Counts timers armed from kafkajs's request queue while `during` runs. */
async function requestQueueTimers(during: () => Promise<void>): Promise<number> {
  const original = global.setTimeout;
  let armed = 0;
  global.setTimeout = ((fn: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => {
    if (new Error().stack?.includes('requestQueue')) armed++;
    return original(fn, ms, ...args);
  }) as typeof setTimeout;
  try {
    await during();
  } finally {
    global.setTimeout = original;
  }
  return armed;
}

// With kafkajs 2.2.4 as released, every connection re-armed a 1 ms timer for ever (≈ 1,000 a
// second per connection); a service spent ≈ 4 % of a core doing that while idle.
describe('an idle kafkajs client does not spin (real Kafka)', () => {
  const h = new MessagingHarness('idle-client');
  beforeAll(() => h.start({ relay: false }), 180_000);
  afterAll(() => h.stop());

  it('a connected producer and a subscribed consumer with nothing to do arm (almost) no request-queue timers in two seconds', async () => {
    await h.consumer({ name: 'idle', topics: [Topics.order], handlers: new Map() });
    await h.producer.send({ topic: h.topic(Topics.inventory), messages: [] }).catch(() => undefined); // a request on the producer's connection too
    const armed = await requestQueueTimers(() => new Promise((r) => setTimeout(r, 2_000)));
    expect(armed).toBeLessThan(20);
  }, 60_000);
});
