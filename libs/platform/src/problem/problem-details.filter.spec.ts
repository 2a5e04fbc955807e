import type { ArgumentsHost } from '@nestjs/common';
import { ProblemDetailsFilter } from './problem-details.filter';

function respond(exception: unknown) {
  const headers: Record<string, string> = {};
  const res = { headersSent: false, statusCode: 0, body: '', setHeader: (k: string, v: string) => (headers[k] = v), end: (b: string) => (res.body = b), destroy() {} };
  const req = { method: 'POST', url: '/orders', originalUrl: '/orders', headers: {} };
  const host = { getType: () => 'http', switchToHttp: () => ({ getRequest: () => req, getResponse: () => res }) } as unknown as ArgumentsHost;
  new ProblemDetailsFilter().catch(exception, host);
  return { status: res.statusCode, headers, problem: JSON.parse(res.body) };
}

describe('ProblemDetailsFilter', () => {
  it('answers a database outage with 503 and Retry-After, not a 500 "unexpected error"', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    const { status, headers, problem } = respond(refused);
    expect(status).toBe(503);
    expect(headers['Retry-After']).toBe('2');
    expect(headers['Content-Type']).toBe('application/problem+json');
    expect(problem).toMatchObject({ status: 503, title: 'Service Unavailable' });
  });

  it('keeps a genuine bug a 500 without internals', () => {
    const { status, problem } = respond(new TypeError('cannot read properties of undefined'));
    expect(status).toBe(500);
    expect(JSON.stringify(problem)).not.toContain('cannot read');
  });
});
