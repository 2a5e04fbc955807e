import { Events, NoticeChannel } from '@askfirst/contracts';
import { OutboxTransaction, TransactionalOutbox } from '@askfirst/messaging';
import { SmtpSink, testTokens, waitFor } from '@askfirst/testing';
import { CreateNoticeUseCase } from '../src/application/create-notice.usecase';
import { NoticeKind } from '../src/domain/notice-kind';
import { cakeOrder, cakeRefund, cakeShortage } from './support/order-events';
import { api, NotificationHarness, notifiedAbout, startNotification } from './support/notification-harness';

describe('notices for the cake shortage reach the shopper by email and inbox, once', () => {
  let smtp: SmtpSink;
  let h: NotificationHarness;

  beforeAll(async () => {
    smtp = await new SmtpSink().start();
    // A generous attempt timeout: on a loaded machine a slow (but successful) SMTP send must not be retried as a second email.
    h = await startNotification('notif-cake', { SMTP_PORT: String(smtp.port), PUBLIC_BASE_URL: 'https://shop.example.test', NOTIFY_ATTEMPT_TIMEOUT_MS: '30000' });
  });
  afterAll(async () => {
    await h?.close();
    await smtp?.stop();
  });

  async function shopperWithEmail(shopperId: string, email: string) {
    const put = await api(h.service, await testTokens.shopper(shopperId), 'PUT', `/shoppers/${shopperId}/channels`, { email });
    expect(put.status).toBe(200);
  }

  it('the cake shortage sends one email naming the cake, the options and the decision link, and one inbox entry; a replay sends nothing more', async () => {
    await shopperWithEmail('ada', 'ada@example.com');
    const order = cakeOrder('ada');
    await h.producer.send(Events.orderPlaced, order.placed);
    const awaiting = await h.producer.send(Events.orderAwaitingShopperDecision, cakeShortage(order));

    const [email] = await waitFor(() => smtp.to('ada@example.com').length === 1 && smtp.to('ada@example.com'), { what: 'the shortage email' });
    const text = email.mail.text ?? '';
    expect(email.mail.subject).toContain('Chocolate cake');
    expect(text).toContain("We can't get the 1 × Chocolate cake you ordered.");
    expect(text).toMatch(/Wait for restock \(expected \d\d:\d\d UTC on/);
    expect(text).toContain('Replace it with Vanilla cake');
    expect(text).toContain('Refund the Chocolate cake, ship the rest');
    expect(text).toContain('Cancel the whole order');
    expect(text).toContain("we'll refund missing items and ship the rest, as you chose at checkout");
    const link = /https:\/\/shop\.example\.test\/d\/[A-Za-z0-9._-]+/.exec(text)?.[0];
    expect(link).toBeDefined();
    expect(email.mail.html).toContain(link);
    expect(email.to).toEqual(['ada@example.com']);
    expect(email.mail.messageId).toMatch(/^<[0-9a-f-]{36}@notices\.askfirst>$/);
    expect(email.mail.headers.get('x-askfirst-notice-id')).toBe(email.mail.messageId!.slice(1, 37));
    expect(email.mail.headers.get('x-askfirst-order-id')).toBe(order.orderId);

    const inbox = await api(h.service, await testTokens.shopper('ada'), 'GET', '/shoppers/ada/notices');
    expect(inbox.status).toBe(200);
    expect(inbox.json.items).toHaveLength(1);
    expect(inbox.json.items[0]).toMatchObject({ kind: NoticeKind.DECISION_NEEDED, orderId: order.orderId, inAppStatus: 'DELIVERED', action: { url: link } });

    const [notified] = await waitFor(() => notifiedAbout(h.recorder, awaiting.id).length > 0 && notifiedAbout(h.recorder, awaiting.id), { what: 'shopper-notified' });
    expect(notified.json.data).toMatchObject({ orderId: order.orderId, shopperId: 'ada', causeType: Events.orderAwaitingShopperDecision.type, channels: [NoticeChannel.EMAIL], refundIds: [] });
    expect(notified.key).toBe(order.orderId);

    // Replay the causing event, then a later event for the same order (same partition, so it is
    // consumed after the replay): once the later one's email is in, the replay has had its chance.
    await h.producer.resend(awaiting, Events.orderAwaitingShopperDecision);
    await h.producer.send(Events.orderDispatched, { orderId: order.orderId, shopperId: 'ada', at: new Date().toISOString() });
    await waitFor(() => smtp.to('ada@example.com').length >= 2, { what: 'the dispatched email' });
    const subjects = smtp.to('ada@example.com').map((m) => m.mail.subject);
    expect(subjects.filter((s) => s?.includes('Chocolate cake'))).toHaveLength(1);
    expect(subjects.filter((s) => s?.includes('on its way'))).toHaveLength(1);
    expect(notifiedAbout(h.recorder, awaiting.id)).toHaveLength(1);
  });

  it('keeps one notice per causing event even past the inbox (UNIQUE cause_event_id)', async () => {
    const createNotice = h.service.app.get(CreateNoticeUseCase);
    const outbox = h.service.app.get(TransactionalOutbox);
    const cause = { eventId: crypto.randomUUID(), eventType: 'order.dispatched.v1', orderId: crypto.randomUUID(), shopperId: 'bea', correlationId: 'c-1' };
    const create = () => outbox.run((tx: OutboxTransaction) => createNotice.execute(tx, cause, { kind: NoticeKind.ORDER_DISPATCHED, orderId: cause.orderId }));
    expect(await create()).toEqual(expect.any(String));
    expect(await create()).toBeUndefined();
    const inbox = await api(h.service, await testTokens.agent(), 'GET', `/orders/${cause.orderId}/notices`);
    expect(inbox.json.items).toHaveLength(1);
  });

  it('order.line-refund-approved -> an email that says who decided -> shopper-notified carrying that refundId', async () => {
    await shopperWithEmail('cy', 'cy@example.com');
    const order = cakeOrder('cy');
    const refund = cakeRefund(order);
    const approved = await h.producer.send(Events.orderLineRefundApproved, refund);

    const [notified] = await waitFor(() => notifiedAbout(h.recorder, approved.id).length > 0 && notifiedAbout(h.recorder, approved.id), { what: 'shopper-notified' });
    expect(notified.json.data).toMatchObject({ refundIds: [refund.refundId], channels: [NoticeChannel.EMAIL], causeEventId: approved.id });
    expect(notified.json.causationId).toBe(approved.id);
    expect(notified.json.correlationId).toBe(approved.correlationId);
    const [email] = smtp.to('cy@example.com');
    expect(email.mail.text).toContain('We couldn\'t get 1 × Chocolate cake for your order.');
    expect(email.mail.text).toContain("We're refunding 12.50 for it and shipping the rest: you chose: refund missing items and ship the rest.");
  });

  it('a shopper with no external channel is notified through the inbox at once', async () => {
    const order = cakeOrder('dee');
    const refund = cakeRefund(order);
    const approved = await h.producer.send(Events.orderLineRefundApproved, refund);
    const [notified] = await waitFor(() => notifiedAbout(h.recorder, approved.id).length > 0 && notifiedAbout(h.recorder, approved.id), { what: 'shopper-notified' });
    expect(notified.json.data).toMatchObject({ refundIds: [refund.refundId], channels: [NoticeChannel.IN_APP] });
    const detail = await api(h.service, await testTokens.shopper('dee'), 'GET', `/notices/${notified.json.data.noticeId}`);
    expect(detail.json).toMatchObject({ status: 'DELIVERED', reachedChannels: ['IN_APP'], attempts: [] });
  });
});
