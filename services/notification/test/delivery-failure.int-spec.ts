import { Events, NoticeChannel } from '@askfirst/contracts';
import { SmtpSink, testTokens, unusedPort, waitFor } from '@askfirst/testing';
import { cakeOrder, cakeRefund } from './support/order-events';
import { api, failedAbout, NotificationHarness, notifiedAbout, startNotification } from './support/notification-harness';

describe('when email cannot be delivered, a human is called in, and the notice still gets through later', () => {
  let smtpPort: number;
  let smtp: SmtpSink | undefined;
  let h: NotificationHarness;

  beforeAll(async () => {
    smtpPort = await unusedPort();
    h = await startNotification('notif-failure', {
      SMTP_PORT: String(smtpPort),
      NOTIFY_MAX_ATTEMPTS: '3',
      NOTIFY_BACKOFF_MS: '100',
      NOTIFY_REDELIVERY_MS: '1000',
      NOTIFY_ATTEMPT_TIMEOUT_MS: '2000',
    });
  });
  afterAll(async () => {
    await h?.close();
    await smtp?.stop();
  });

  it('SMTP down: retries with backoff, FAILED, delivery-failed with the refundIds; SMTP back: re-delivery, shopper-notified', async () => {
    const shopper = await testTokens.shopper('eve');
    expect((await api(h.service, shopper, 'PUT', '/shoppers/eve/channels', { email: 'eve@example.com' })).status).toBe(200);
    const refund = cakeRefund(cakeOrder('eve'));
    const approved = await h.producer.send(Events.orderLineRefundApproved, refund);

    const [failed] = await waitFor(() => failedAbout(h.recorder, approved.id).length > 0 && failedAbout(h.recorder, approved.id), { what: 'delivery-failed' });
    expect(failed.json.data).toMatchObject({ refundIds: [refund.refundId], attempts: 3, causeEventId: approved.id, orderId: refund.orderId, shopperId: 'eve' });
    expect(failed.json.data.lastError).toMatch(/ECONNREFUSED|connect/i);
    expect(notifiedAbout(h.recorder, approved.id)).toHaveLength(0);

    const noticeId = failed.json.data.noticeId;
    const failedNotice = (await api(h.service, shopper, 'GET', `/notices/${noticeId}`)).json;
    expect(failedNotice).toMatchObject({ status: 'FAILED', rounds: 3, reachedChannels: [], refundIds: [refund.refundId] });
    expect(failedNotice.attempts.map((a: any) => [a.channel, a.round, a.status])).toEqual([
      ['EMAIL', 1, 'FAILED'],
      ['EMAIL', 2, 'FAILED'],
      ['EMAIL', 3, 'FAILED'],
    ]);
    // Backoff: 100 ms after the first round, 200 ms after the second (lower bounds; polling adds a little).
    const started = startTimes(failedNotice.attempts);
    expect(started[1] - started[0]).toBeGreaterThanOrEqual(100);
    expect(started[2] - started[1]).toBeGreaterThanOrEqual(200);
    expect(failedNotice.nextAttemptAt).not.toBeNull();

    smtp = await new SmtpSink().start(smtpPort);
    const [notified] = await waitFor(() => notifiedAbout(h.recorder, approved.id).length > 0 && notifiedAbout(h.recorder, approved.id), { what: 'shopper-notified after re-delivery' });
    expect(notified.json.data).toMatchObject({ noticeId, refundIds: [refund.refundId], channels: [NoticeChannel.EMAIL] });
    expect(smtp.to('eve@example.com')).toHaveLength(1);
    expect(smtp.to('eve@example.com')[0].mail.subject).toContain('Chocolate cake');

    const delivered = (await api(h.service, shopper, 'GET', `/notices/${noticeId}`)).json;
    expect(delivered).toMatchObject({ status: 'DELIVERED', reachedChannels: ['EMAIL'], nextAttemptAt: null });
    expect(delivered.attempts.at(-1)).toMatchObject({ channel: 'EMAIL', status: 'DELIVERED' });
    expect(failedAbout(h.recorder, approved.id)).toHaveLength(1);

    const metrics = await (await fetch(`${h.service.url}/metrics`)).text();
    expect(metrics).toMatch(/notification_notices_outcome_total\{[^}]*outcome="failed"[^}]*\} 1/);
    expect(metrics).toMatch(/notification_notices_outcome_total\{[^}]*outcome="notified"[^}]*\} 1/);
    const failedAttempts = /notification_delivery_attempts_total\{[^}]*channel="EMAIL"[^}]*outcome="failed"[^}]*\} (\d+)/.exec(metrics)?.[1];
    expect(Number(failedAttempts)).toBeGreaterThanOrEqual(3);
  });
});

function startTimes(attempts: { startedAt: string }[]): number[] {
  return attempts.map((a) => Date.parse(a.startedAt));
}
