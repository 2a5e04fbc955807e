import { Events } from '@askfirst/contracts';
import { testTokens, waitFor } from '@askfirst/testing';
import { cakeOrder, cakeShortage } from './support/order-events';
import { api, NotificationHarness, startNotification } from './support/notification-harness';

describe('notification REST API: roles, ownership, validation, problem+json', () => {
  let h: NotificationHarness;

  beforeAll(async () => {
    h = await startNotification('notif-api', { WEBHOOK_ALLOW_PRIVATE_HOSTS: 'false' });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('channel settings: defaults to inbox only, PUT replaces them, a shopper touches only their own', async () => {
    const nia = await testTokens.shopper('nia');
    expect((await api(h.service, nia, 'GET', '/shoppers/nia/channels')).json).toEqual({ shopperId: 'nia', email: null, phone: null, webhookUrl: null, tryOrder: [], inApp: true });

    const put = await api(h.service, nia, 'PUT', '/shoppers/nia/channels', { email: 'nia@example.com', phone: '+441632960961', order: ['SMS'] });
    expect(put.status).toBe(200);
    expect(put.json).toMatchObject({ email: 'nia@example.com', phone: '+441632960961', tryOrder: ['SMS', 'EMAIL'] });
    const replaced = await api(h.service, nia, 'PUT', '/shoppers/nia/channels', { phone: '+441632960961' });
    expect(replaced.json).toMatchObject({ email: null, tryOrder: ['SMS'] });

    expect((await api(h.service, nia, 'PUT', '/shoppers/oli/channels', { email: 'x@example.com' })).status).toBe(403);
    expect((await api(h.service, nia, 'GET', '/shoppers/oli/channels')).status).toBe(403);
    expect((await api(h.service, await testTokens.service('order'), 'PUT', '/shoppers/oli/channels', { email: 'oli@example.com' })).status).toBe(200);
    expect((await api(h.service, await testTokens.agent(), 'PUT', '/shoppers/oli/channels', { email: 'oli@example.com' })).status).toBe(403);
    expect((await api(h.service, await testTokens.agent(), 'GET', '/shoppers/oli/channels')).status).toBe(200);
  });

  it('refuses webhooks on private or local hosts when so configured (production default)', async () => {
    const sam = await testTokens.shopper('sam');
    for (const webhookUrl of ['http://127.0.0.1:3001/orders', 'http://169.254.169.254/latest/meta-data', 'http://order-service:3001/x']) {
      const refused = await api(h.service, sam, 'PUT', '/shoppers/sam/channels', { webhookUrl });
      expect(refused.status).toBe(422);
      expect(refused.json.code).toBe('WEBHOOK_URL_NOT_ALLOWED');
    }
    expect((await api(h.service, sam, 'PUT', '/shoppers/sam/channels', { webhookUrl: 'https://app.example.com/hooks/sam' })).status).toBe(200);
  });

  it.each([
    ['an unknown field', { email: 'a@example.com', sms: true }],
    ['a malformed email', { email: 'not-an-email' }],
    ['a phone that is not E.164', { phone: '0151 123' }],
    ['a webhook that is not http(s)', { webhookUrl: 'ftp://example.com/hook' }],
    ['an unknown channel', { order: ['PIGEON'] }],
    ['a channel twice', { order: ['SMS', 'SMS'] }],
    ['an oversized email', { email: `${'a'.repeat(250)}@example.com` }],
    ['a non-object body', ['EMAIL']],
  ])('rejects %s with a 400 problem', async (_what, body) => {
    const response = await api(h.service, await testTokens.shopper('pat'), 'PUT', '/shoppers/pat/channels', body);
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
  });

  it('the inbox and notice detail: own notices only, links only for the shopper, clean 4xx for bad ids', async () => {
    const order = cakeOrder('quin');
    await h.producer.send(Events.orderAwaitingShopperDecision, cakeShortage(order));
    const quin = await testTokens.shopper('quin');
    const [notice] = await waitFor(
      async () => {
        const items = (await api(h.service, quin, 'GET', '/shoppers/quin/notices')).json.items;
        return items.length > 0 && items;
      },
      { what: 'the inbox entry' },
    );
    expect(notice.action.url).toMatch(/\/d\//);
    // The decision link decides as the shopper: staff never see it.
    const asAgent = await api(h.service, await testTokens.agent(), 'GET', `/notices/${notice.id}`);
    expect(asAgent.status).toBe(200);
    expect(asAgent.json.action).toBeUndefined();
    expect((await api(h.service, await testTokens.agent(), 'GET', `/orders/${order.orderId}/notices`)).json.items).toHaveLength(1);

    const rita = await testTokens.shopper('rita');
    expect((await api(h.service, rita, 'GET', '/shoppers/quin/notices')).status).toBe(403);
    expect((await api(h.service, rita, 'GET', `/notices/${notice.id}`)).status).toBe(403);
    expect((await api(h.service, rita, 'GET', `/orders/${order.orderId}/notices`)).status).toBe(403);

    expect((await api(h.service, quin, 'GET', `/notices/${crypto.randomUUID()}`)).status).toBe(404);
    expect((await api(h.service, quin, 'GET', '/notices/not-a-uuid')).status).toBe(400);
    expect((await api(h.service, quin, 'GET', '/shoppers/quin/notices?limit=1000')).status).toBe(400);
    expect((await api(h.service, quin, 'GET', '/shoppers/quin/notices?before=yesterday')).status).toBe(400);
    expect((await api(h.service, quin, 'GET', `/shoppers/${'x'.repeat(101)}/notices`)).status).toBe(400);
    expect((await fetch(`${h.service.url}/shoppers/quin/notices`)).status).toBe(401);
    const page = await api(h.service, quin, 'GET', `/shoppers/quin/notices?limit=1&before=${encodeURIComponent(notice.createdAt)}`);
    expect(page.json.items).toEqual([]);
  });

  it('documents the API at /docs', async () => {
    const doc = (await (await fetch(`${h.service.url}/docs/json`)).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/shoppers/{shopperId}/notices', '/notices/{id}', '/orders/{orderId}/notices', '/shoppers/{shopperId}/channels', '/d/{token}']),
    );
  });
});
