import { DataSource } from 'typeorm';
import { Events } from '@askfirst/contracts';
import { testTokens, waitFor } from '@askfirst/testing';
import { HttpReceiver } from './support/http-receiver';
import { api, failedAbout, NotificationHarness, notifiedAbout, startNotification } from './support/notification-harness';

/** Every status a notice row ever had, in commit order, recorded by a trigger in this test's database. */
async function recordStatusChanges(db: DataSource): Promise<(noticeId: string) => Promise<string[]>> {
  await db.query(`CREATE TABLE test_notice_statuses (seq bigserial PRIMARY KEY, notice_id uuid NOT NULL, status text NOT NULL)`);
  await db.query(`
    CREATE FUNCTION test_log_notice_status() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'INSERT' OR NEW.status IS DISTINCT FROM OLD.status THEN
        INSERT INTO test_notice_statuses (notice_id, status) VALUES (NEW.id, NEW.status);
      END IF;
      RETURN NEW;
    END $$`);
  await db.query(`CREATE TRIGGER test_log_notice_status AFTER INSERT OR UPDATE ON notices FOR EACH ROW EXECUTE FUNCTION test_log_notice_status()`);
  return async (noticeId) => {
    const rows = (await db.query(`SELECT status FROM test_notice_statuses WHERE notice_id = $1 ORDER BY seq`, [noticeId])) as { status: string }[];
    return rows.map((r) => r.status);
  };
}

describe('a notice is stored PENDING -> SENT -> DELIVERED | FAILED, SENT before the provider is called', () => {
  let receiver: HttpReceiver;
  let h: NotificationHarness;
  let statusesOf: (noticeId: string) => Promise<string[]>;

  beforeAll(async () => {
    receiver = await new HttpReceiver((req) => (req.path.startsWith('/hold') ? 'hang' : 500)).start();
    h = await startNotification('notif-status', {
      NOTIFY_MAX_ATTEMPTS: '2',
      NOTIFY_BACKOFF_MS: '100',
      NOTIFY_REDELIVERY_MS: '600000',
      NOTIFY_ATTEMPT_TIMEOUT_MS: '30000',
    });
    statusesOf = await recordStatusChanges(h.service.app.get(DataSource));
  });
  afterAll(async () => {
    await h?.close();
    await receiver?.stop();
  });

  async function withWebhook(shopperId: string, path: string) {
    const put = await api(h.service, await testTokens.shopper(shopperId), 'PUT', `/shoppers/${shopperId}/channels`, { webhookUrl: `${receiver.url}${path}` });
    expect(put.status).toBe(200);
  }

  const dispatched = (shopperId: string) => h.producer.send(Events.orderDispatched, { orderId: crypto.randomUUID(), shopperId, at: new Date().toISOString() });

  it('first-try success: SENT while the provider has it, then DELIVERED', async () => {
    await withWebhook('ida', '/hold/ida');
    const event = await dispatched('ida');
    await waitFor(() => receiver.requests.some((r) => r.path === '/hold/ida'), { what: 'the webhook call' });

    const agent = await testTokens.agent();
    const [summary] = (await api(h.service, agent, 'GET', '/shoppers/ida/notices')).json.items;
    const during = (await api(h.service, agent, 'GET', `/notices/${summary.id}`)).json;
    expect(during).toMatchObject({ status: 'SENT', attempts: [expect.objectContaining({ channel: 'WEBHOOK', status: 'SENT' })] });

    receiver.release(202);
    await waitFor(() => notifiedAbout(h.recorder, event.id).length, { what: 'shopper-notified' });
    expect(await statusesOf(summary.id)).toEqual(['PENDING', 'SENT', 'DELIVERED']);
  });

  it('every round fails: SENT, then FAILED after the last round', async () => {
    await withWebhook('jo', '/broken/jo');
    const event = await dispatched('jo');
    const [failed] = await waitFor(() => failedAbout(h.recorder, event.id).length > 0 && failedAbout(h.recorder, event.id), { what: 'delivery-failed' });
    expect(await statusesOf(failed.json.data.noticeId)).toEqual(['PENDING', 'SENT', 'FAILED']);
  });

  it('a shopper with the inbox only: the notice is in the inbox when it commits, so it is stored DELIVERED at once', async () => {
    const event = await dispatched('kit');
    const [notified] = await waitFor(() => notifiedAbout(h.recorder, event.id).length > 0 && notifiedAbout(h.recorder, event.id), { what: 'shopper-notified' });
    expect(await statusesOf(notified.json.data.noticeId)).toEqual(['DELIVERED']);
  });
});
