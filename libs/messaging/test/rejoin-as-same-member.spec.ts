// The behaviour is shown against a real broker that goes away: tests/faults/consumer-rejoin.e2e-spec.ts.
import { installRejoinAsSameMember } from '../src/kafka/rejoin-as-same-member';

describe('kafkajs consumer group, rejoin as the same member', () => {
  it('was written against kafkajs 2.2.4: on an upgrade, re-read consumer/index.js (start, onCrash) and ConsumerGroup.joinAndSync and drop or adapt the patch', () => {
    expect((require('kafkajs/package.json') as { version: string }).version).toBe('2.2.4');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const ConsumerGroup = require('kafkajs/src/consumer/consumerGroup') as { prototype: Record<string, unknown> };
    const before = { joinAndSync: ConsumerGroup.prototype.joinAndSync, leave: ConsumerGroup.prototype.leave };
    expect(typeof before.joinAndSync).toBe('function');
    expect(typeof before.leave).toBe('function');
    installRejoinAsSameMember();
    installRejoinAsSameMember();
    // Installed once, however often createKafka runs.
    expect(ConsumerGroup.prototype.joinAndSync).not.toBe(before.joinAndSync);
    const patched = ConsumerGroup.prototype.joinAndSync;
    installRejoinAsSameMember();
    expect(ConsumerGroup.prototype.joinAndSync).toBe(patched);
  });
});
