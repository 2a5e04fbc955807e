import type { HttpResponse } from '../http/http.types';
import type { HealthIndicator } from './health-indicator.interface';
import { HealthController } from './health.controller';
import { ReadinessState } from './readiness.state';

function fakeResponse() {
  const out: { status?: number; body?: unknown } = {};
  const res = {
    status(code: number) {
      out.status = code;
      return res;
    },
    json(body: unknown) {
      out.body = body;
      return res;
    },
    setHeader: () => undefined,
    end(text: string) {
      out.body = JSON.parse(text);
    },
    set statusCode(code: number) {
      out.status = code;
    },
  };
  return { res: res as unknown as HttpResponse, out };
}

describe('HealthController', () => {
  it('fails a check that hangs past the timeout instead of hanging the probe', async () => {
    const hung: HealthIndicator = { name: 'kafka', check: () => new Promise(() => undefined) };
    const controller = new HealthController([hung], new ReadinessState(), 20);
    const { res, out } = fakeResponse();
    await controller.ready(res);
    expect(out.status).toBe(503);
    expect(out.body).toMatchObject({ failed: ['kafka'], checks: [{ name: 'kafka', status: 'down', error: 'timed out after 20ms' }] });
  });

  it('is ready with no indicators until shutdown starts', async () => {
    const readiness = new ReadinessState();
    const controller = new HealthController([], readiness, 20);
    const first = fakeResponse();
    await controller.ready(first.res);
    expect(first.out).toEqual({ status: 200, body: { status: 'up', checks: [] } });
    readiness.markShuttingDown();
    const second = fakeResponse();
    await controller.ready(second.res);
    expect(second.out.status).toBe(503);
  });
});
