import { ExpressAdapter } from '@nestjs/platform-express';
import type { HttpRequest, HttpResponse } from '../http/http.types';
import { createAllowedMethodsFinder } from './allowed-methods.finder';

describe('createAllowedMethodsFinder', () => {
  const adapter = new ExpressAdapter();
  const end = (_req: HttpRequest, res: HttpResponse) => res.end();
  adapter.get('/orders/:id', end);
  adapter.delete('/orders/:id', end);
  adapter.all('/anything', (_req: HttpRequest, _res: HttpResponse, next?: Function) => next?.()); // as Nest's exact-path middleware: ignored
  const find = createAllowedMethodsFinder(adapter.getInstance());
  const req = (originalUrl: string) => ({ originalUrl }) as HttpRequest;

  it('lists the methods served on a path, HEAD included with GET', () => {
    expect(find(req('/orders/42?x=1')).sort()).toEqual(['DELETE', 'GET', 'HEAD']);
  });

  it('returns nothing for unknown paths and all() routes', () => {
    expect(find(req('/nope'))).toEqual([]);
    expect(find(req('/anything'))).toEqual([]);
  });

  it('survives an app without a router', () => {
    expect(createAllowedMethodsFinder(undefined)(req('/x'))).toEqual([]);
  });
});
