import { NoticeChannel } from '@askfirst/contracts';
import { DeliveryPolicy } from './delivery-policy';
import { Notice, NoticeProps } from './notice';
import { NoticeKind } from './notice-kind';
import { NOTICE_TRANSITIONS, NoticeStatus } from './notice-status';
import { NoticeRuleError } from './notice-rule.error';

const policy: DeliveryPolicy = { maxAttempts: 3, backoffMs: 100, redeliveryMs: 60_000 };
const t0 = new Date('2026-11-26T10:00:00Z');
const at = (ms: number) => new Date(t0.getTime() + ms);
let ids = 0;
const id = () => `00000000-0000-4000-8000-${String(++ids).padStart(12, '0')}`;

function newNotice(hasExternal = true, refundIds: string[] = ['r-1']): Notice {
  return Notice.create(
    {
      id: 'n-1',
      cause: { eventId: 'e-1', eventType: 'order.line-refund-approved.v1', orderId: 'o-1', shopperId: 's-1', correlationId: 'c-1' },
      kind: NoticeKind.LINE_REFUND_APPROVED,
      content: { subject: 'Cake refunded', paragraphs: ['…'] },
      refundIds,
    },
    t0,
    hasExternal,
  );
}

function failRound(notice: Notice, now: Date, error = 'ECONNREFUSED') {
  notice.beginRound();
  const attempt = notice.startAttempt(id(), NoticeChannel.EMAIL, now);
  notice.attemptFailed(attempt, error, now);
  notice.endRound(now, policy);
}

function withStatus(status: NoticeStatus): Notice {
  const props: NoticeProps = { ...newNotice().snapshot(), status, rounds: status === NoticeStatus.PENDING ? 0 : 1 };
  return Notice.restore(props);
}

describe('Notice', () => {
  it('starts PENDING and due now when the shopper has an external channel', () => {
    const notice = newNotice();
    expect(notice.status).toBe(NoticeStatus.PENDING);
    expect(notice.nextAttemptAt).toEqual(t0);
    expect(notice.pullEvents()).toEqual([]);
  });

  it('is DELIVERED through the inbox at once, and announced, when the shopper has no external channel', () => {
    const notice = newNotice(false);
    expect(notice.status).toBe(NoticeStatus.DELIVERED);
    expect(notice.nextAttemptAt).toBeNull();
    expect(notice.snapshot().reachedChannels).toEqual([NoticeChannel.IN_APP]);
    expect(notice.pullEvents()).toEqual([{ type: 'SHOPPER_NOTIFIED', channels: [NoticeChannel.IN_APP] }]);
  });

  it('de-duplicates the refunds it announces', () => {
    expect(newNotice(true, ['r-1', 'r-1', 'r-2']).refundIds).toEqual(['r-1', 'r-2']);
  });

  it('goes PENDING -> SENT -> DELIVERED when a channel accepts, and announces it once', () => {
    const notice = newNotice();
    expect(notice.beginRound()).toBe(1);
    expect(notice.status).toBe(NoticeStatus.SENT);
    const attempt = notice.startAttempt(id(), NoticeChannel.EMAIL, t0);
    expect(attempt.status).toBe('SENT');
    notice.attemptSucceeded(attempt, at(10));
    notice.endRound(at(10), policy);
    expect(notice.status).toBe(NoticeStatus.DELIVERED);
    expect(notice.nextAttemptAt).toBeNull();
    expect(attempt.status).toBe('DELIVERED');
    expect(notice.pullEvents()).toEqual([{ type: 'SHOPPER_NOTIFIED', channels: [NoticeChannel.EMAIL] }]);
  });

  it('falls back to the next channel within a round', () => {
    const notice = newNotice();
    notice.beginRound();
    const webhook = notice.startAttempt(id(), NoticeChannel.WEBHOOK, t0);
    notice.attemptFailed(webhook, 'webhook answered 500', t0);
    expect(notice.status).toBe(NoticeStatus.SENT);
    const sms = notice.startAttempt(id(), NoticeChannel.SMS, t0);
    notice.attemptSucceeded(sms, t0);
    expect(notice.status).toBe(NoticeStatus.DELIVERED);
    expect(notice.newAttempts().map((a) => [a.channel, a.round, a.status])).toEqual([
      [NoticeChannel.WEBHOOK, 1, 'FAILED'],
      [NoticeChannel.SMS, 1, 'DELIVERED'],
    ]);
  });

  it('retries with exponential backoff, then FAILED with one DELIVERY_FAILED, then slow re-delivery', () => {
    const notice = newNotice();
    failRound(notice, at(0));
    expect(notice.nextAttemptAt).toEqual(at(100));
    failRound(notice, at(100));
    expect(notice.nextAttemptAt).toEqual(at(300));
    expect(notice.pullEvents()).toEqual([]);
    failRound(notice, at(300), 'still refused');
    expect(notice.status).toBe(NoticeStatus.FAILED);
    expect(notice.pullEvents()).toEqual([{ type: 'DELIVERY_FAILED', attempts: 3, lastError: 'still refused' }]);
    expect(notice.nextAttemptAt).toEqual(at(300 + policy.redeliveryMs));
    failRound(notice, at(60_300));
    expect(notice.status).toBe(NoticeStatus.FAILED);
    expect(notice.pullEvents()).toEqual([]); // failed is said once
    expect(notice.nextAttemptAt).toEqual(at(60_300 + policy.redeliveryMs));
  });

  it('a re-delivery after FAILED still announces the notice, so the waiting refund is released', () => {
    const notice = newNotice();
    for (let round = 0; round < policy.maxAttempts; round++) failRound(notice, at(round));
    notice.pullEvents();
    notice.beginRound();
    const attempt = notice.startAttempt(id(), NoticeChannel.EMAIL, at(70_000));
    notice.attemptSucceeded(attempt, at(70_000));
    notice.endRound(at(70_000), policy);
    expect(notice.status).toBe(NoticeStatus.DELIVERED);
    expect(notice.pullEvents()).toEqual([{ type: 'SHOPPER_NOTIFIED', channels: [NoticeChannel.EMAIL] }]);
  });

  it('counts the inbox as reaching the shopper when they removed every external channel', () => {
    const notice = newNotice();
    notice.beginRound();
    notice.deliverInAppOnly(t0);
    expect(notice.status).toBe(NoticeStatus.DELIVERED);
    expect(notice.pullEvents()).toEqual([{ type: 'SHOPPER_NOTIFIED', channels: [NoticeChannel.IN_APP] }]);
  });

  it('refuses work on a delivered notice and attempts outside a round', () => {
    expect(() => newNotice(false).beginRound()).toThrow(NoticeRuleError);
    expect(() => newNotice().startAttempt(id(), NoticeChannel.EMAIL, t0)).toThrow(NoticeRuleError);
    const delivered = newNotice();
    delivered.beginRound();
    delivered.attemptSucceeded(delivered.startAttempt(id(), NoticeChannel.EMAIL, t0), t0);
    expect(() => delivered.startAttempt(id(), NoticeChannel.SMS, t0)).toThrow(NoticeRuleError);
  });

  it('an attempt cannot finish twice', () => {
    const notice = newNotice();
    notice.beginRound();
    const attempt = notice.startAttempt(id(), NoticeChannel.EMAIL, t0);
    notice.attemptFailed(attempt, 'x', t0);
    expect(() => notice.attemptSucceeded(attempt, t0)).toThrow(NoticeRuleError);
    expect(() => notice.attemptFailed(attempt, 'y', t0)).toThrow(NoticeRuleError);
  });

  describe('transition table, every (from, to) pair', () => {
    const all = Object.values(NoticeStatus);
    it('allows exactly PENDING->SENT, SENT->DELIVERED, SENT->FAILED, FAILED->DELIVERED', () => {
      const allowed = all.flatMap((from) => NOTICE_TRANSITIONS[from].map((to) => `${from}->${to}`));
      expect(allowed.sort()).toEqual(['FAILED->DELIVERED', 'PENDING->SENT', 'SENT->DELIVERED', 'SENT->FAILED']);
    });

    it.each(all)('from %s, reaching the shopper is allowed only where the table says', (from) => {
      const notice = withStatus(from);
      const reach = () => notice.deliverInAppOnly(t0);
      if (from === NoticeStatus.SENT || from === NoticeStatus.FAILED) {
        reach();
        expect(notice.status).toBe(NoticeStatus.DELIVERED);
      } else if (from === NoticeStatus.DELIVERED) {
        reach(); // already there: a no-op, not a second announcement
        expect(notice.pullEvents()).toEqual([]);
      } else {
        expect(reach).toThrow(NoticeRuleError);
      }
    });
  });
});
