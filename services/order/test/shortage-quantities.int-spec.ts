import { deadLetterTopicOf, Events, LineState, OrderState, physicalTopic, ShortageStage, Topics } from '@askfirst/contracts';
import { testTokens, TopicRecorder, waitFor } from '@askfirst/testing';
import { QueryRunner } from 'typeorm';
import { PartlyRefundedLineStates1764500000000 } from '../src/infrastructure/migrations/1764500000000-partly-refunded-line-states';
import { reservedAll, shortageOf, shopperNotified } from './support/order-builders';
import { OrderServiceHarness } from './support/order-service.harness';

describe('what a shortage refunds: only what is missing (real Kafka and PostgreSQL)', () => {
  const h = new OrderServiceHarness('order-quantities');
  let shopper: string;

  beforeAll(async () => {
    await h.start();
    shopper = await testTokens.shopper('shopper-q');
  });
  afterAll(() => h.stop());

  const threeCakesAndMilk = {
    storeId: 'store-1',
    onShortage: { choice: 'REFUND_ITEM_SHIP_REST' },
    lines: [
      { sku: 'CAKE-CREAM', name: 'Cream cake', quantity: 3, unitPriceCents: 1500 },
      { sku: 'MILK-1L', name: 'Milk', quantity: 1, unitPriceCents: 120 },
    ],
  };

  it('partial shortage (3 ordered, 1 left): refunds 2 x unit price, the held cake and the milk ship', async () => {
    const order = (await h.request('POST', '/orders', shopper, threeCakesAndMilk)).body;
    await h.produce(...reservedAll(order));
    await h.waitForOrder(order.id, (o) => o.state === OrderState.CONFIRMED, 'confirmed');
    await h.produce(...shortageOf(order, { 'CAKE-CREAM': 2 }));
    const [approved] = await h.waitForPublished(order.id, Events.orderLineRefundApproved.type);
    expect(approved.data).toMatchObject({ sku: 'CAKE-CREAM', quantity: 2, amountCents: 3000 });
    const pending = await h.getOrder(order.id);
    expect(pending.state).toBe(OrderState.CONFIRMED);
    // The line still ships one cake: it says it is partly refunded, not refunded.
    expect(pending.lines[0]).toMatchObject({ state: LineState.PARTIAL_REFUND_PENDING_NOTICE, quantity: 3, refundedQuantity: 2, shortQuantity: 0 });
    expect(pending.refunds).toEqual([expect.objectContaining({ amountCents: 3000, status: 'PENDING_NOTICE', lines: [expect.objectContaining({ quantity: 2 })] })]);
    await h.produce(...shopperNotified(order, approved, [approved.data.refundId]));
    const [requested] = await h.waitForPublished(order.id, Events.orderRefundRequested.type);
    expect(requested.data).toMatchObject({ amountCents: 3000, lines: [{ sku: 'CAKE-CREAM', quantity: 2, amountCents: 3000 }] });
    expect((await h.getOrder(order.id)).lines[0]).toMatchObject({ state: LineState.PARTLY_REFUNDED, quantity: 3, refundedQuantity: 2 });
  });

  it('lines stored before the partial states existed get them (migration), and only partly refunded ones', async () => {
    const order = (await h.request('POST', '/orders', shopper, threeCakesAndMilk)).body;
    await h.produce(...reservedAll(order));
    await h.waitForOrder(order.id, (o) => o.state === OrderState.CONFIRMED, 'confirmed');
    await h.produce(...shortageOf(order, { 'CAKE-CREAM': 2 }));
    await h.waitForPublished(order.id, Events.orderLineRefundApproved.type);
    // As the service stored them before: the 3-cake line REFUNDED with 2 refunded, the milk fully refunded.
    await h.sql(`UPDATE order_lines SET state = 'REFUNDED' WHERE order_id = $1 AND sku = 'CAKE-CREAM'`, [order.id]);
    await h.sql(`UPDATE order_lines SET state = 'REFUNDED', refunded_quantity = 1 WHERE order_id = $1 AND sku = 'MILK-1L'`, [order.id]);
    await new PartlyRefundedLineStates1764500000000().up({ query: (sql: string) => h.sql(sql) } as unknown as QueryRunner);
    const rows = await h.sql(`SELECT sku, state FROM order_lines WHERE order_id = $1 ORDER BY position`, [order.id]);
    expect(rows).toEqual([{ sku: 'CAKE-CREAM', state: LineState.PARTLY_REFUNDED }, { sku: 'MILK-1L', state: LineState.REFUNDED }]);
  });

  it('every line short with nothing held (at reservation): the order is cancelled and refunded in full, after notice', async () => {
    const order = (await h.request('POST', '/orders', shopper, threeCakesAndMilk)).body;
    await h.produce(...shortageOf(order, { 'CAKE-CREAM': 3, 'MILK-1L': 1 }, ShortageStage.RESERVATION));
    const [cancelled] = await h.waitForPublished(order.id, Events.orderCancelled.type);
    expect(cancelled.data).toMatchObject({ refundAmountCents: 4620, reason: expect.stringContaining('nothing is left to ship'), decision: { source: 'SHOPPER_PRESET' } });
    const done = await h.getOrder(order.id);
    expect(done).toMatchObject({ state: OrderState.CANCELLED, refunds: [{ status: 'PENDING_NOTICE', amountCents: 4620 }] });
    expect(h.published(order.id, Events.orderLineRefundApproved.type)).toHaveLength(0);
    expect(h.published(order.id, Events.orderRefundRequested.type)).toHaveLength(0);
    await h.produce(...shopperNotified(order, cancelled, [cancelled.data.refundId]));
    const [requested] = await h.waitForPublished(order.id, Events.orderRefundRequested.type);
    expect(requested.data.amountCents).toBe(4620);
  });

  it('a shortage at reservation: held lines are reserved, the short one refunded, the order confirmed', async () => {
    const order = (await h.request('POST', '/orders', shopper, threeCakesAndMilk)).body;
    await h.produce(...shortageOf(order, { 'MILK-1L': 1 }, ShortageStage.RESERVATION));
    const [confirmed] = await h.waitForPublished(order.id, Events.orderConfirmed.type);
    expect(confirmed.data.lines).toEqual([
      { lineId: order.lines[0].id, sku: 'CAKE-CREAM', quantity: 3 },
      { lineId: order.lines[1].id, sku: 'MILK-1L', quantity: 0 },
    ]);
    const done = await h.getOrder(order.id);
    expect(done.lines.map((l: any) => l.state)).toEqual([LineState.RESERVED, LineState.REFUND_PENDING_NOTICE]);
    expect(done.shortageStage).toBe('RESERVATION');
  });

  it('a notice that failed leaves the refund pending; the timeline keeps the failure', async () => {
    const order = (await h.request('POST', '/orders', shopper, threeCakesAndMilk)).body;
    await h.produce(...reservedAll(order));
    await h.waitForOrder(order.id, (o) => o.state === OrderState.CONFIRMED, 'confirmed');
    await h.produce(...shortageOf(order, { 'MILK-1L': 1 }));
    const [approved] = await h.waitForPublished(order.id, Events.orderLineRefundApproved.type);
    await h.produce(Events.notificationDeliveryFailed, {
      noticeId: '00000000-0000-4000-8000-00000000fa11', orderId: order.id, shopperId: 'shopper-q', causeEventId: approved.id, causeType: approved.type,
      refundIds: [approved.data.refundId], attempts: 5, lastError: 'SMTP 550',
    }, order.id);
    const after = await h.waitForOrder(order.id, (o) => o.timeline.some((t: any) => t.eventType === 'notification.delivery-failed.v1'), 'failure recorded');
    expect(after.refunds[0].status).toBe('PENDING_NOTICE');
    expect(h.published(order.id, Events.orderRefundRequested.type)).toHaveLength(0);
  });

  it('a notice about an order this service never had is dead-lettered, not dropped (its refunds can never be requested)', async () => {
    const deadLetters = await new TopicRecorder(h.kafka, [physicalTopic(deadLetterTopicOf(Topics.notification), h.env.topicPrefix)]).start();
    try {
      const orderId = '00000000-0000-4000-8000-0000000dead1';
      await h.produce(Events.notificationShopperNotified, {
        noticeId: '00000000-0000-4000-8000-00000000aa01', orderId, shopperId: 'shopper-q', causeEventId: '00000000-0000-4000-8000-00000000aa02',
        causeType: 'order.line-refund-approved.v1', refundIds: ['00000000-0000-4000-8000-00000000aa03'], channels: ['IN_APP'],
      }, orderId);
      const [letter] = await waitFor(() => deadLetters.messages.length > 0 && deadLetters.messages, { what: 'the dead letter' });
      expect(letter.headers['x-dlq-error']).toMatch(new RegExp(`UnprocessableEventError: .*${orderId}`));
    } finally {
      await deadLetters.stop();
    }
  });
});
