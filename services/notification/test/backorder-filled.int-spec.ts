import { Events, NoticeChannel } from '@askfirst/contracts';
import { SmtpSink, testTokens, waitFor } from '@askfirst/testing';
import { NoticeKind } from '../src/domain/notice-kind';
import { cakeBackordered, cakeBackorderFilled, cakeOrder } from './support/order-events';
import { api, NotificationHarness, notifiedAbout, startNotification } from './support/notification-harness';

describe('a filled back-order: the shopper is told the item is on the shelf again, once', () => {
  let smtp: SmtpSink;
  let h: NotificationHarness;

  beforeAll(async () => {
    smtp = await new SmtpSink().start();
    // A generous attempt timeout: on a loaded machine a slow (but successful) SMTP send must not be retried as a second email.
    h = await startNotification('notif-backorder', { SMTP_PORT: String(smtp.port), NOTIFY_ATTEMPT_TIMEOUT_MS: '30000' });
  });
  afterAll(async () => {
    await h?.close();
    await smtp?.stop();
  });

  it('order.backorder-filled.v1 -> one notice and one email naming the cake; a replay sends nothing more', async () => {
    const shopper = await testTokens.shopper('lea');
    expect((await api(h.service, shopper, 'PUT', '/shoppers/lea/channels', { email: 'lea@example.com' })).status).toBe(200);
    const order = cakeOrder('lea');
    await h.producer.send(Events.orderPlaced, order.placed);
    await h.producer.send(Events.orderLineBackordered, cakeBackordered(order));
    const filled = await h.producer.send(Events.orderBackorderFilled, cakeBackorderFilled(order));

    const [notified] = await waitFor(() => notifiedAbout(h.recorder, filled.id).length > 0 && notifiedAbout(h.recorder, filled.id), { what: 'shopper-notified' });
    expect(notified.json.data).toMatchObject({ orderId: order.orderId, causeType: Events.orderBackorderFilled.type, channels: [NoticeChannel.EMAIL], refundIds: [] });
    const backInStock = () => smtp.to('lea@example.com').filter((m) => m.mail.subject === 'Chocolate cake is back in stock');
    expect(backInStock()).toHaveLength(1);
    expect(backInStock()[0].mail.text).toContain("1 × Chocolate cake for order");
    expect(backInStock()[0].mail.text).toContain("is on the shelf again: we've set it aside, and it ships with your order.");

    // Replay, then a later event for the same order as a fence: once its email is in, the replay has had its chance.
    await h.producer.resend(filled, Events.orderBackorderFilled);
    await h.producer.send(Events.orderDispatched, { orderId: order.orderId, shopperId: 'lea', at: new Date().toISOString() });
    await waitFor(() => smtp.to('lea@example.com').some((m) => m.mail.subject?.includes('on its way')), { what: 'the dispatched email' });
    expect(backInStock()).toHaveLength(1);
    expect(notifiedAbout(h.recorder, filled.id)).toHaveLength(1);

    const notices = (await api(h.service, shopper, 'GET', `/orders/${order.orderId}/notices`)).json.items;
    expect(notices.map((n: { kind: string }) => n.kind)).toEqual([NoticeKind.LINE_BACKORDERED, NoticeKind.BACKORDER_FILLED, NoticeKind.ORDER_DISPATCHED]);
  });
});
