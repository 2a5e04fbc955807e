import { ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Topics } from '@askfirst/contracts';
import { waitFor } from '@askfirst/testing';
import { MessagingHarness } from './harness';

const root = join(__dirname, '..', '..', '..');

function runFixture(h: MessagingHarness, mode: string, orderId: string): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, ['-r', join(root, 'tools/ts-register.js'), join(__dirname, 'fixtures/outbox-process.ts'), mode, orderId], {
    env: { ...process.env, NODE_OPTIONS: '', DATABASE_URL: h.databaseUrl, KAFKA_TOPIC_PREFIX: h.prefix },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  return { child, output: () => out };
}

describe('a service killed with SIGKILL after commit, before publish', () => {
  const h = new MessagingHarness('crash');
  beforeAll(() => h.start({ relay: false }), 180_000);
  afterAll(() => h.stop());

  it('publishes the committed event after restart', async () => {
    const recorder = await h.recorder(Topics.order);
    const orderId = randomUUID();

    const first = runFixture(h, 'commit', orderId);
    await waitFor(() => first.output().includes('committed'), { what: 'the commit', timeoutMs: 30_000 });
    first.child.kill('SIGKILL');
    await new Promise((r) => first.child.once('exit', r));
    const [row] = await h.dataSource.query(`SELECT published_at FROM outbox_messages WHERE message_key = $1`, [orderId]);
    expect(row.published_at).toBeNull();
    expect(recorder.messages.filter((m) => m.key === orderId)).toHaveLength(0);

    const restarted = runFixture(h, 'relay', orderId);
    try {
      const published = await waitFor(() => recorder.messages.find((m) => m.key === orderId), { what: 'the event after restart', timeoutMs: 30_000 });
      expect(published.json.type).toBe('order.picking-started.v1');
      await waitFor(async () => (await h.dataSource.query(`SELECT 1 FROM outbox_messages WHERE message_key = $1 AND published_at IS NOT NULL`, [orderId])).length === 1, { what: 'row marked sent' });
    } finally {
      restarted.child.kill('SIGKILL');
    }
  }, 90_000);
});
