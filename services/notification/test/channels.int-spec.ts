import { createHmac } from 'node:crypto';
import { DEV_WEBHOOK_SIGNING_SECRET } from '@askfirst/platform';
import { Events, NoticeChannel } from '@askfirst/contracts';
import { SmtpSink, testTokens, waitFor } from '@askfirst/testing';
import { NoticeDispatcher } from '../src/infrastructure/dispatch/notice-dispatcher';
import { HttpReceiver } from './support/http-receiver';
import { cakeOrder } from './support/order-events';
import { api, NotificationHarness, notifiedAbout, startNotification } from './support/notification-harness';

describe('channels: signed webhook, SMS provider, email, in the shopper\'s fallback order', () => {
  let smtp: SmtpSink;
  let receiver: HttpReceiver;
  let h: NotificationHarness;

  beforeAll(async () => {
    smtp = await new SmtpSink().start();
    receiver = await new HttpReceiver((req) => (req.path.startsWith('/hang') ? 'hang' : req.path.startsWith('/broken') ? 500 : 202)).start();
    h = await startNotification('notif-channels', {
      SMTP_PORT: String(smtp.port),
      SMS_PROVIDER_URL: `${receiver.url}/sms`,
      SMS_PROVIDER_KEY: 'sms-test-key',
      NOTIFY_ATTEMPT_TIMEOUT_MS: '3000',
    });
  });
  afterAll(async () => {
    await h?.close();
    await Promise.all([smtp?.stop(), receiver?.stop()]);
  });

  it('a failing webhook falls back to SMS; the webhook body is signed with HMAC-SHA256 and the SMS carries the bearer key', async () => {
    const shopper = await testTokens.shopper('fay');
    const put = await api(h.service, shopper, 'PUT', '/shoppers/fay/channels', {
      webhookUrl: `${receiver.url}/broken/fay`,
      phone: '+4915112345678',
      order: ['WEBHOOK', 'SMS'],
    });
    expect(put.json).toMatchObject({ tryOrder: ['WEBHOOK', 'SMS'], inApp: true });
    const order = cakeOrder('fay');
    await h.producer.send(Events.orderPlaced, order.placed);
    const confirmed = await h.producer.send(Events.orderConfirmed, {
      orderId: order.orderId,
      shopperId: 'fay',
      lines: order.placed.lines.map((l) => ({ lineId: l.lineId, sku: l.sku, quantity: l.quantity })),
    });

    const [notified] = await waitFor(() => notifiedAbout(h.recorder, confirmed.id).length > 0 && notifiedAbout(h.recorder, confirmed.id), { what: 'shopper-notified' });
    expect(notified.json.data.channels).toEqual([NoticeChannel.SMS]);

    const hook = receiver.requests.find((r) => r.path === '/broken/fay')!;
    const expected = `sha256=${createHmac('sha256', DEV_WEBHOOK_SIGNING_SECRET).update(hook.body).digest('hex')}`;
    expect(hook.headers['x-askfirst-signature']).toBe(expected);
    expect(hook.json).toMatchObject({ type: 'askfirst.notice.v1', orderId: order.orderId, shopperId: 'fay', kind: 'ORDER_CONFIRMED' });

    const sms = receiver.requests.find((r) => r.path === '/sms' && r.json?.to === '+4915112345678')!;
    expect(sms.headers.authorization).toBe('Bearer sms-test-key');
    expect(sms.json.text).toContain('is confirmed');
    expect(sms.json.reference).toBe(notified.json.data.noticeId);

    const detail = (await api(h.service, shopper, 'GET', `/notices/${notified.json.data.noticeId}`)).json;
    expect(detail.paragraphs[0]).toBe('We have everything for your order: 1 × Chocolate cake and 2 × Milk 1 l.');
    expect(detail.attempts.map((a: any) => [a.channel, a.round, a.status])).toEqual([
      ['WEBHOOK', 1, 'FAILED'],
      ['SMS', 1, 'DELIVERED'],
    ]);
    expect(detail.attempts[0].error).toContain('500');
  });

  it("a provider that hangs holds up neither the consumer nor other shoppers' notices, and times out", async () => {
    await api(h.service, await testTokens.shopper('gus'), 'PUT', '/shoppers/gus/channels', { webhookUrl: `${receiver.url}/hang/gus` });
    await api(h.service, await testTokens.shopper('hal'), 'PUT', '/shoppers/hal/channels', { email: 'hal@example.com' });
    const slow = await h.producer.send(Events.orderDispatched, { orderId: crypto.randomUUID(), shopperId: 'gus', at: new Date().toISOString() });
    await waitFor(() => receiver.requests.some((r) => r.path === '/hang/gus'), { what: 'the hanging webhook call' });

    const fast = await h.producer.send(Events.orderDispatched, { orderId: crypto.randomUUID(), shopperId: 'hal', at: new Date().toISOString() });
    await waitFor(() => notifiedAbout(h.recorder, fast.id).length, { what: "hal's notice" });
    expect(smtp.to('hal@example.com')).toHaveLength(1);

    const agent = await testTokens.agent();
    const gusNotices = (await api(h.service, agent, 'GET', '/shoppers/gus/notices')).json.items;
    const gusNotice = (await api(h.service, agent, 'GET', `/notices/${gusNotices[0].id}`)).json;
    expect(gusNotice.attempts).toEqual([expect.objectContaining({ channel: 'WEBHOOK', status: 'SENT', finishedAt: null })]);

    await waitFor(
      async () => (await api(h.service, agent, 'GET', `/notices/${gusNotices[0].id}`)).json.attempts[0].status === 'FAILED',
      { what: 'the hung attempt to time out', timeoutMs: 10_000 },
    );
    const timedOut = (await api(h.service, agent, 'GET', `/notices/${gusNotices[0].id}`)).json.attempts[0];
    expect(timedOut.error).toContain('did not answer within 3000 ms');
    expect(notifiedAbout(h.recorder, slow.id)).toHaveLength(0);
  });

  it('wakes the delivery loop for a notice that has a channel to deliver to, and not for an in-app-only one', async () => {
    const wake = jest.spyOn(h.service.app.get(NoticeDispatcher), 'wake');
    try {
      const inApp = await h.producer.send(Events.orderDispatched, { orderId: crypto.randomUUID(), shopperId: 'ivy', at: new Date().toISOString() });
      await waitFor(() => notifiedAbout(h.recorder, inApp.id).length, { what: "ivy's in-app notice" });
      expect(wake).not.toHaveBeenCalled();

      await api(h.service, await testTokens.shopper('jon'), 'PUT', '/shoppers/jon/channels', { email: 'jon@example.com' });
      const mailed = await h.producer.send(Events.orderDispatched, { orderId: crypto.randomUUID(), shopperId: 'jon', at: new Date().toISOString() });
      await waitFor(() => notifiedAbout(h.recorder, mailed.id).length, { what: "jon's emailed notice" });
      expect(wake).toHaveBeenCalledTimes(1);
      expect(smtp.to('jon@example.com')).toHaveLength(1);
    } finally {
      wake.mockRestore();
    }
  });

  it('sends emails over kept SMTP connections: three notices in a row open at most one', async () => {
    await api(h.service, await testTokens.shopper('kim'), 'PUT', '/shoppers/kim/channels', { email: 'kim@example.com' });
    const before = smtp.connections;
    for (let i = 0; i < 3; i++) {
      const sent = await h.producer.send(Events.orderDispatched, { orderId: crypto.randomUUID(), shopperId: 'kim', at: new Date().toISOString() });
      await waitFor(() => notifiedAbout(h.recorder, sent.id).length, { what: `kim's notice ${i + 1}` });
    }
    expect(smtp.to('kim@example.com')).toHaveLength(3);
    expect(smtp.connections - before).toBeLessThanOrEqual(1);
  });
});
