// createServiceApp / startService, the path a service's main.ts takes (NestFactory, not a testing module).
process.env.LOG_LEVEL ??= 'silent';

import { Body, Controller, Module, Post } from '@nestjs/common';
import { Agent, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { IsString } from 'class-validator';
import { createServiceApp, HealthModule, PlatformModule, ReadinessState, Roles, startService, mintToken, DEV_JWT_SECRET } from '../src';

class NoteDto {
  @IsString() text: string;
}

@Controller('notes')
class NotesController {
  @Roles('agent')
  @Post()
  add(@Body() note: NoteDto) {
    return note;
  }
}

@Module({ imports: [PlatformModule.forRoot({ service: 'tiny' }), HealthModule.forRoot()], controllers: [NotesController] })
class TinyModule {}

describe('createServiceApp', () => {
  it('applies the body limit it is given and flips readiness before Nest’s own shutdown hook', async () => {
    const before = process.listeners('SIGTERM').length;
    const app = await createServiceApp(TinyModule, { name: 'tiny', bodyLimit: '1kb' });
    try {
      const added = process.listeners('SIGTERM').slice(before);
      expect(added).toHaveLength(2); // ReadinessState's, then Nest's
      await app.listen(0, '127.0.0.1');
      const url = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
      const token = await mintToken({ sub: 'u', role: 'agent' }, DEV_JWT_SECRET); // JWT_SECRET unset: dev default
      const post = (text: string) =>
        fetch(`${url}/notes`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ text }),
        });
      expect((await post('hello')).status).toBe(201);
      expect((await post('x'.repeat(2048))).status).toBe(413);

      (added[0] as () => void)(); // as if SIGTERM arrived, without killing the runner
      expect(app.get(ReadinessState).isShuttingDown).toBe(true);
      expect((await fetch(`${url}/health/ready`)).status).toBe(503);
      const refused = await post('after SIGTERM'); // the outbox flush must not miss its commit
      expect(refused.status).toBe(503);
      expect(await refused.json()).toMatchObject({ type: 'urn:askfirst:problem:not-ready' });
    } finally {
      await app.close();
    }
    expect(process.listeners('SIGTERM')).toHaveLength(before);
  });
});

describe('idle keep-alive connections', () => {
  // A proxy in front reuses its idle connections for 60 s or more; Node's own default closed them after
  // 5 s, and a request sent as the service closed one was reset.
  it('stay open past Node’s 5 s default, and the service says how long (Keep-Alive: timeout=65)', async () => {
    const app = await createServiceApp(TinyModule, { name: 'tiny' });
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      await app.listen(0, '127.0.0.1');
      const { port } = app.getHttpServer().address() as AddressInfo;
      const get = () =>
        new Promise<{ status: number; keepAlive?: string; reused: boolean }>((resolve, reject) => {
          const req = request({ host: '127.0.0.1', port, path: '/health/live', agent }, (res) => {
            res.resume();
            res.on('end', () => resolve({ status: res.statusCode ?? 0, keepAlive: res.headers['keep-alive'] as string | undefined, reused: req.reusedSocket }));
          });
          req.on('error', reject);
          req.end();
        });
      const first = await get();
      expect(first).toMatchObject({ status: 200, keepAlive: 'timeout=65', reused: false });
      await new Promise((r) => setTimeout(r, 5_500));
      expect(await get()).toMatchObject({ status: 200, reused: true });
    } finally {
      agent.destroy();
      await app.close();
    }
  });
});

describe('startService', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it('listens on 0.0.0.0', async () => {
    const app = await startService(TinyModule, { name: 'tiny', port: 0 });
    try {
      expect((app.getHttpServer().address() as AddressInfo).address).toBe('0.0.0.0');
    } finally {
      await app.close();
    }
  });

  it('refuses to start in production with a missing or dev secret, naming it', async () => {
    process.env.NODE_ENV = 'production';
    delete process.env.JWT_SECRET;
    await expect(startService(TinyModule, { name: 'tiny', port: 0 })).rejects.toThrow(/JWT_SECRET/);
    process.env.JWT_SECRET = DEV_JWT_SECRET;
    await expect(startService(TinyModule, { name: 'tiny', port: 0 })).rejects.toThrow(
      'JWT_SECRET: secret equals a known dev default',
    );
    process.env.JWT_SECRET = 'a-production-secret-from-k8s-0123456789';
    await expect(startService(TinyModule, { name: 'tiny', port: 0, secrets: ['DECISION_LINK_SECRET'] })).rejects.toThrow(
      'DECISION_LINK_SECRET: secret is required in production',
    );
  });
});
