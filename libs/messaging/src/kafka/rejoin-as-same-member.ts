/**
 * kafkajs 2.2.4 restarts a crashed consumer (a broker that stayed away longer than the retries,
 * for one) with a new consumer group object, and so joins the group again as a new member. Its old
 * member id could not leave while the broker was away, so the coordinator keeps it and waits for it
 * to rejoin until its session times out (30 s here): the whole group stands still that long after
 * every broker restart (the fault suite's Kafka restart converged in 33 s; 14 s with a 10 s session).
 *
 * The patch remembers each consumer's member id (per kafkajs cluster object, which a consumer keeps
 * across restarts, and group) after every join, and a new consumer group object of that consumer
 * joins with it: the coordinator sees the same member come back and the rebalance completes as soon
 * as everyone has. A coordinator that has forgotten the id answers UNKNOWN_MEMBER_ID, on which
 * kafkajs clears it and joins as a new member, as before. A successful leave forgets it.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const ConsumerGroup = require('kafkajs/src/consumer/consumerGroup') as { prototype: ConsumerGroupInternals };

export interface ConsumerGroupInternals {
  cluster: object;
  groupId: string;
  memberId: string | null;
  joinAndSync(): Promise<void>;
  leave(): Promise<void>;
}

const memberIds = new WeakMap<object, Map<string, string>>();

/** The member id a consumer (its kafkajs cluster object) last held in `groupId`. */
export function rememberedMemberId(cluster: object, groupId: string): string | undefined {
  return memberIds.get(cluster)?.get(groupId);
}

function remember(group: ConsumerGroupInternals): void {
  if (!group.memberId) return;
  let byGroup = memberIds.get(group.cluster);
  if (!byGroup) memberIds.set(group.cluster, (byGroup = new Map()));
  byGroup.set(group.groupId, group.memberId);
}

let installed = false;

/** Patches kafkajs's ConsumerGroup; idempotent. */
export function installRejoinAsSameMember(): void {
  if (installed) return;
  installed = true;
  const { joinAndSync, leave } = ConsumerGroup.prototype;
  ConsumerGroup.prototype.joinAndSync = async function (this: ConsumerGroupInternals): Promise<void> {
    this.memberId ??= rememberedMemberId(this.cluster, this.groupId) ?? null;
    try {
      await joinAndSync.call(this);
    } finally {
      remember(this);
    }
  };
  ConsumerGroup.prototype.leave = async function (this: ConsumerGroupInternals): Promise<void> {
    await leave.call(this);
    memberIds.get(this.cluster)?.delete(this.groupId);
  };
}
