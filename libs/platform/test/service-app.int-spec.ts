// Boots a small Nest app with configureServiceApp on a real port and checks the platform's HTTP
// behaviour end to end: problem+json for every failure, auth, rate limit, health, metrics, docs.
process.env.LOG_LEVEL ??= 'silent';

import { Body, Controller, Get, INestApplication, Param, Post } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Type } from 'class-transformer';
import { ArrayMinSize, IsArray, IsInt, IsString, Min, ValidateNested } from 'class-validator';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  AccessPolicyAudit,
  assertOwner,
  configureServiceApp,
  CurrentPrincipal,
  DomainException,
  HealthModule,
  mintToken,
  PlatformModule,
  Public,
  RateLimit,
  ReadinessState,
  RequestContext,
  Roles,
  StateConflictException,
  type HealthIndicator,
  type Principal,
} from '../src';

const SECRET = 'integration-test-secret-0123456789abcdef';

enum TestErrorCode {
  ORDER_NOT_FOUND = 'ORDER_NOT_FOUND',
  TRANSITION_NOT_ALLOWED = 'TRANSITION_NOT_ALLOWED',
}
class OrderNotFound extends DomainException<TestErrorCode> {
  readonly status = 404;
  constructor(id: string) {
    super(TestErrorCode.ORDER_NOT_FOUND, `Order ${id} does not exist.`);
  }
}
class TransitionNotAllowed extends StateConflictException<TestErrorCode> {
  constructor(current: unknown) {
    super(TestErrorCode.TRANSITION_NOT_ALLOWED, 'A dispatched order cannot be cancelled.', current);
  }
}

class LineDto {
  @IsString() sku: string;
  @IsInt() @Min(1) quantity: number;
}
class PlaceOrderDto {
  @IsString() shopperId: string;
  @IsArray() @ArrayMinSize(1) @ValidateNested({ each: true }) @Type(() => LineDto) lines: LineDto[];
}

@Controller('orders')
class OrdersController {
  @Roles('shopper', 'agent')
  @Post()
  place(@Body() dto: PlaceOrderDto, @CurrentPrincipal() principal: Principal) {
    assertOwner(principal, dto.shopperId);
    return { id: 'o-1', lines: dto.lines.length, correlationId: RequestContext.correlationId() };
  }

  @Roles('agent', 'supervisor')
  @Get()
  list() {
    return [];
  }

  @Roles('shopper', 'agent')
  @Get(':id')
  get(@Param('id') id: string, @CurrentPrincipal() principal: Principal) {
    if (id === 'missing') throw new OrderNotFound(id);
    assertOwner(principal, 'shopper-1'); // every order here belongs to shopper-1
    return { id };
  }

  @Roles('shopper')
  @RateLimit({ key: 'decision', limit: 2, windowSeconds: 60 })
  @Post(':id/decision')
  decide() {
    return { accepted: true };
  }

  @Roles('shopper')
  @Post(':id/cancel')
  cancel() {
    throw new TransitionNotAllowed({ state: 'DISPATCHED', version: 7 });
  }

  @Get(':id/unguarded')
  unguarded() {
    return { leaked: true };
  }

  @Public()
  @Get(':id/boom')
  boom(): never {
    throw new Error('db password is hunter2');
  }
}

const brokerDown: HealthIndicator = {
  name: 'kafka',
  check: () => Promise.reject(new Error('broker unreachable')),
};
const databaseUp: HealthIndicator = { name: 'database', check: () => Promise.resolve() };

async function startApp(indicators: HealthIndicator[]): Promise<{ app: INestApplication; url: string }> {
  const moduleRef = await Test.createTestingModule({
    imports: [PlatformModule.forRoot({ service: 'test', auth: { jwtSecret: SECRET } }), HealthModule.forRoot({ indicators })],
    controllers: [OrdersController],
  }).compile();
  const app = configureServiceApp(moduleRef.createNestApplication({ bodyParser: false }), { name: 'test' });
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  return { app, url: `http://127.0.0.1:${port}` };
}

describe('a service app configured by the platform', () => {
  let app: INestApplication;
  let url: string;
  let shopper: string;
  let otherShopper: string;
  let agent: string;

  beforeAll(async () => {
    ({ app, url } = await startApp([databaseUp, brokerDown]));
    shopper = await mintToken({ sub: 'shopper-1', role: 'shopper' }, SECRET, 300);
    otherShopper = await mintToken({ sub: 'shopper-2', role: 'shopper' }, SECRET, 300);
    agent = await mintToken({ sub: 'user-7', role: 'agent', agentId: 'agent-7' }, SECRET, 300);
  });
  afterAll(() => app.close());

  const auth = (token: string) => ({ authorization: `Bearer ${token}` });
  const json = (token: string) => ({ ...auth(token), 'content-type': 'application/json' });
  const validOrder = { shopperId: 'shopper-1', lines: [{ sku: 'cake', quantity: 1 }] };

  async function problem(res: Response) {
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    return (await res.json()) as Record<string, unknown> & { errors?: Array<Record<string, string>> };
  }

  it('accepts a valid request and keeps the correlation id across body parsing', async () => {
    const res = await fetch(`${url}/orders`, {
      method: 'POST',
      headers: { ...json(shopper), 'x-correlation-id': 'corr-42' },
      body: JSON.stringify(validOrder),
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('x-correlation-id')).toBe('corr-42');
    expect(await res.json()).toEqual({ id: 'o-1', lines: 1, correlationId: 'corr-42' });
  });

  it('keeps the correlation id when the body arrives slowly, in several chunks', async () => {
    const { port } = new URL(url);
    const body = await new Promise<string>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port, method: 'POST', path: '/orders', headers: { ...json(shopper), 'x-correlation-id': 'slow-1' } },
        (res) => {
          let data = '';
          res.on('data', (chunk) => (data += chunk));
          res.on('end', () => resolve(data));
        },
      );
      req.on('error', reject);
      const [head, tail] = [JSON.stringify(validOrder).slice(0, 10), JSON.stringify(validOrder).slice(10)];
      req.write(head);
      setTimeout(() => req.end(tail), 50);
    });
    expect(JSON.parse(body)).toMatchObject({ correlationId: 'slow-1' });
  });

  it('invalid JSON -> 400 problem+json', async () => {
    const res = await fetch(`${url}/orders`, { method: 'POST', headers: json(shopper), body: '{"shopperId": ' });
    expect(res.status).toBe(400);
    expect(await problem(res)).toMatchObject({
      type: 'about:blank',
      title: 'Bad Request',
      status: 400,
      detail: 'The request body is not valid JSON.',
      instance: '/orders',
      correlationId: expect.any(String),
    });
  });

  it('a 70kb body -> 413', async () => {
    const body = JSON.stringify({ ...validOrder, padding: 'x'.repeat(70 * 1024) });
    const res = await fetch(`${url}/orders`, { method: 'POST', headers: json(shopper), body });
    expect(res.status).toBe(413);
    expect(await problem(res)).toMatchObject({ status: 413, title: 'Payload Too Large' });
  });

  it('a text/plain POST -> 415', async () => {
    const res = await fetch(`${url}/orders`, {
      method: 'POST',
      headers: { ...auth(shopper), 'content-type': 'text/plain' },
      body: 'hello',
    });
    expect(res.status).toBe(415);
    expect(await problem(res)).toMatchObject({ status: 415, title: 'Unsupported Media Type' });
  });

  it('unknown and invalid fields -> 400 listing each one, nested too', async () => {
    const res = await fetch(`${url}/orders`, {
      method: 'POST',
      headers: json(shopper),
      body: JSON.stringify({ ...validOrder, lines: [{ sku: 'cake', quantity: 0 }], coupon: 'FREE' }),
    });
    expect(res.status).toBe(400);
    const body = await problem(res);
    expect(body).toMatchObject({ type: 'urn:askfirst:problem:validation-failed', status: 400 });
    expect(body.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'coupon', constraint: 'whitelistValidation' }),
        expect.objectContaining({ field: 'lines[0].quantity', pointer: '#/lines/0/quantity', constraint: 'min' }),
      ]),
    );
  });

  it('a NUL character in any string, or a __proto__ key, -> 400 naming the field', async () => {
    const res = await fetch(`${url}/orders`, {
      method: 'POST',
      headers: json(shopper),
      body: JSON.stringify({ ...validOrder, lines: [{ sku: 'ca\u0000ke', quantity: 1 }] }),
    });
    expect(res.status).toBe(400);
    const body = await problem(res);
    expect(body.errors).toEqual([expect.objectContaining({ field: 'lines[0].sku', pointer: '#/lines/0/sku', constraint: 'noNulCharacter' })]);
    const proto = await fetch(`${url}/orders`, { method: 'POST', headers: json(shopper), body: `{"__proto__":{"admin":true},${JSON.stringify(validOrder).slice(1)}` });
    expect(proto.status).toBe(400);
    expect((await problem(proto)).errors).toEqual([expect.objectContaining({ field: '__proto__', constraint: 'whitelistValidation' })]);
    const param = await fetch(`${url}/orders/o%00x`, { headers: auth(agent) });
    expect(param.status).toBe(400);
    expect((await problem(param)).errors).toEqual([expect.objectContaining({ field: 'id', constraint: 'noNulCharacter' })]);
  });

  it('an unknown route -> 404 problem+json', async () => {
    const res = await fetch(`${url}/nowhere?token=secret`, { headers: auth(agent) });
    expect(res.status).toBe(404);
    expect(await problem(res)).toMatchObject({
      type: 'about:blank',
      status: 404,
      detail: 'No route matches GET /nowhere.',
      instance: '/nowhere',
    });
  });

  it('a known path with the wrong method -> 405 with Allow', async () => {
    const res = await fetch(`${url}/orders`, { method: 'DELETE', headers: auth(agent) });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')?.split(', ').sort()).toEqual(['GET', 'HEAD', 'POST']);
    expect(await problem(res)).toMatchObject({ status: 405, title: 'Method Not Allowed' });
  });

  it('a domain error -> its status, code and type; a conflict carries the current state', async () => {
    const missing = await fetch(`${url}/orders/missing`, { headers: auth(agent) });
    expect(missing.status).toBe(404);
    expect(await problem(missing)).toMatchObject({
      type: 'urn:askfirst:problem:order-not-found',
      title: 'Order not found',
      code: 'ORDER_NOT_FOUND',
      detail: 'Order missing does not exist.',
    });
    const conflict = await fetch(`${url}/orders/o-1/cancel`, { method: 'POST', headers: auth(shopper) });
    expect(conflict.status).toBe(409);
    expect(await problem(conflict)).toMatchObject({
      code: 'TRANSITION_NOT_ALLOWED',
      current: { state: 'DISPATCHED', version: 7 },
    });
  });

  it('an unexpected error -> 500 without internals', async () => {
    const res = await fetch(`${url}/orders/o-1/boom`);
    expect(res.status).toBe(500);
    const body = await problem(res);
    expect(JSON.stringify(body)).not.toContain('hunter2');
    expect(body).toMatchObject({ status: 500, title: 'Internal Server Error' });
  });

  it('no token, a bad token, an expired token -> 401 with a Bearer challenge', async () => {
    const none = await fetch(`${url}/orders/o-1`);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(await problem(none)).toMatchObject({ status: 401, detail: 'A bearer token is required.' });

    const forged = await mintToken({ sub: 'shopper-1', role: 'shopper' }, 'not-the-secret-0000000000000000', 300);
    const bad = await fetch(`${url}/orders/o-1`, { headers: auth(forged) });
    expect(bad.status).toBe(401);
    expect(bad.headers.get('www-authenticate')).toContain('invalid_token');

    const expired = await mintToken({ sub: 'shopper-1', role: 'shopper' }, SECRET, -60);
    const late = await fetch(`${url}/orders/o-1`, { headers: auth(expired) });
    expect(late.status).toBe(401);
    expect(await problem(late)).toMatchObject({ detail: 'The token has expired.' });
  });

  it('a wrong role -> 403', async () => {
    const res = await fetch(`${url}/orders`, { headers: auth(shopper) });
    expect(res.status).toBe(403);
    expect(await problem(res)).toMatchObject({ status: 403, title: 'Forbidden' });
  });

  it('a route with neither @Roles nor @Public is named at startup and refused (fail closed)', async () => {
    expect(app.get(AccessPolicyAudit).routesWithoutPolicy()).toEqual(['OrdersController.unguarded']);
    const res = await fetch(`${url}/orders/o-1/unguarded`, { headers: auth(agent) });
    expect(res.status).toBe(403);
    expect(await problem(res)).toMatchObject({ detail: 'This route declares no access policy.' });
  });

  it('owner check: a shopper reads their own order, not another shopper’s; an agent reads any', async () => {
    expect((await fetch(`${url}/orders/o-1`, { headers: auth(shopper) })).status).toBe(200);
    const other = await fetch(`${url}/orders/o-1`, { headers: auth(otherShopper) });
    expect(other.status).toBe(403);
    expect(await problem(other)).toMatchObject({ detail: 'This resource belongs to another shopper.' });
    expect((await fetch(`${url}/orders/o-1`, { headers: auth(agent) })).status).toBe(200);
    const placeForOther = await fetch(`${url}/orders`, {
      method: 'POST',
      headers: json(otherShopper),
      body: JSON.stringify(validOrder),
    });
    expect(placeForOther.status).toBe(403);
  });

  it('rate limit per principal -> 429 with Retry-After', async () => {
    const decide = (token: string) => fetch(`${url}/orders/o-1/decision`, { method: 'POST', headers: auth(token) });
    expect((await decide(shopper)).status).toBe(201);
    expect((await decide(shopper)).status).toBe(201);
    const limited = await decide(shopper);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await problem(limited)).toMatchObject({ status: 429, title: 'Too Many Requests' });
    expect((await decide(otherShopper)).status).toBe(201); // another principal has its own budget
  });

  it('/health/live is 200; /health/ready is 503 naming the failing indicator', async () => {
    const live = await fetch(`${url}/health/live`);
    expect(live.status).toBe(200);
    const ready = await fetch(`${url}/health/ready`);
    expect(ready.status).toBe(503);
    expect(await problem(ready)).toMatchObject({
      status: 503,
      failed: ['kafka'],
      checks: [
        { name: 'database', status: 'up' },
        { name: 'kafka', status: 'down', error: 'broker unreachable' },
      ],
    });
  });

  it('/metrics exposes the HTTP histogram by route pattern', async () => {
    await fetch(`${url}/orders/o-1`, { headers: auth(agent) });
    const res = await fetch(`${url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await res.text();
    expect(text).toContain('# TYPE http_request_duration_seconds histogram');
    expect(text).toMatch(/http_request_duration_seconds_count\{[^}]*method="GET",route="\/orders\/:id",status_code="200"/);
    expect(text).toContain('process_resident_memory_bytes');
  });

  it('/docs/json is an OpenAPI document of the routes; /docs serves the UI', async () => {
    const res = await fetch(`${url}/docs/json`);
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { openapi: string; info: { title: string }; paths: Record<string, unknown> };
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.info.title).toBe('askfirst test service');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/orders', '/orders/{id}', '/health/ready']));
    // @Roles declares bearer security and the roles (x-roles) per operation; @Public none (x-public).
    const paths = doc.paths as Record<string, Record<string, { security?: unknown; 'x-roles'?: unknown; 'x-public'?: unknown }>>;
    expect(paths['/orders'].post).toMatchObject({ security: [{ bearer: [] }], 'x-roles': ['shopper', 'agent'] });
    expect(paths['/orders'].get['x-roles']).toEqual(['agent', 'supervisor']);
    expect(paths['/health/ready'].get).toMatchObject({ 'x-public': true });
    expect(paths['/health/ready'].get.security).toBeUndefined();
    expect(paths['/orders/{id}/boom'].get).toMatchObject({ 'x-public': true });
    expect((doc as { security?: unknown }).security).toBeUndefined();
    const ui = await fetch(`${url}/docs`);
    expect(ui.status).toBe(200);
    expect(ui.headers.get('content-type')).toMatch(/text\/html/);
  });
});

describe('readiness and several apps in one process', () => {
  it('ready turns 503 once shutdown starts; two apps keep separate metric registries', async () => {
    const first = await startApp([databaseUp]);
    const second = await startApp([databaseUp]);
    try {
      expect((await fetch(`${first.url}/health/ready`)).status).toBe(200);
      first.app.get(ReadinessState).markShuttingDown();
      const ready = await fetch(`${first.url}/health/ready`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toMatchObject({ failed: ['shutdown'] });
      expect((await fetch(`${second.url}/health/ready`)).status).toBe(200);
      expect((await fetch(`${second.url}/metrics`)).status).toBe(200);
    } finally {
      await first.app.close();
      await second.app.close();
    }
  });
});
