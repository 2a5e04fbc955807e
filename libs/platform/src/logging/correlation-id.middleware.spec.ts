import type { HttpRequest, HttpResponse } from '../http/http.types';
import { correlationIdMiddleware } from './correlation-id.middleware';
import { RequestContext } from './request-context';

function run(header?: string) {
  const req = { headers: header === undefined ? {} : { 'x-correlation-id': header } } as unknown as HttpRequest;
  const headers: Record<string, string> = {};
  const res = { setHeader: (name: string, value: string) => (headers[name] = value) } as unknown as HttpResponse;
  let seen: string | undefined;
  correlationIdMiddleware(req, res, () => (seen = RequestContext.correlationId()));
  return { req, headers, seen };
}

describe('correlationIdMiddleware', () => {
  it('reuses a well-formed incoming id and runs the request in its context', () => {
    const { req, headers, seen } = run('abc-123');
    expect(seen).toBe('abc-123');
    expect(req.correlationId).toBe('abc-123');
    expect(headers['x-correlation-id']).toBe('abc-123');
  });

  it('replaces a missing or unsafe id with a UUID', () => {
    expect(run().seen).toMatch(/^[0-9a-f-]{36}$/);
    expect(run('evil\nline').seen).toMatch(/^[0-9a-f-]{36}$/);
  });
});
