import { EventEmitter } from 'node:events';
import type { HttpRequest, HttpResponse } from '../http/http.types';
import { ProblemException } from '../problem/problem.exception';
import { ReadinessState } from './readiness.state';
import { RequestDrain } from './request-drain';

function request(drain: RequestDrain, path: string) {
  const res = Object.assign(new EventEmitter(), { headers: {} as Record<string, string>, setHeader(name: string, value: string) { this.headers[name] = value; } });
  let passed: unknown = 'not called';
  drain.middleware({ originalUrl: path } as HttpRequest, res as unknown as HttpResponse, (err) => (passed = err));
  return { res, passed };
}

describe('RequestDrain', () => {
  it('waits for the requests in flight before the later shutdown hooks run', async () => {
    const drain = new RequestDrain(new ReadinessState());
    const running = request(drain, '/orders');
    expect(running.passed).toBeUndefined();
    let destroyed = false;
    const destroying = drain.onModuleDestroy().then(() => (destroyed = true));
    await new Promise((r) => setImmediate(r));
    expect(destroyed).toBe(false);
    running.res.emit('close');
    await destroying;
    expect(destroyed).toBe(true);
  });

  it('refuses new requests with 503 once shutdown starts, but keeps answering probes and scrapes', () => {
    const readiness = new ReadinessState();
    const drain = new RequestDrain(readiness);
    readiness.markShuttingDown();
    const refused = request(drain, '/orders?x=1');
    expect(refused.passed).toBeInstanceOf(ProblemException);
    expect((refused.passed as ProblemException).problem).toMatchObject({ status: 503, type: 'urn:askfirst:problem:not-ready', headers: { 'Retry-After': '1' } });
    expect(refused.res.headers.Connection).toBe('close');
    expect(request(drain, '/health/ready').passed).toBeUndefined();
    expect(request(drain, '/metrics').passed).toBeUndefined();
  });
});
