import { Agent, request } from 'node:http';

export interface HttpResult<T = any> {
  status: number;
  body: T;
  ms: number;
  headers: Record<string, string | string[] | undefined>;
}

// One keep-alive pool for the whole load generator: fetch/undici costs several times the CPU per
// request on this 2-core machine, and every CPU cycle the generator burns is taken from the system.
const agent = new Agent({ keepAlive: true, maxSockets: 128, maxFreeSockets: 128 });

/** Counts every response by "METHOD route status" for the report. */
export const httpStats = new Map<string, number>();
export const httpErrors: string[] = [];

/** A small JSON client for one service with one bearer token (loopback only). */
export class Http {
  constructor(private readonly baseUrl: string, private readonly token?: string) {}

  as(token: string): Http {
    return new Http(this.baseUrl, token);
  }

  get<T = any>(path: string, route = path): Promise<HttpResult<T>> {
    return this.call<T>('GET', path, undefined, route);
  }

  post<T = any>(path: string, body: unknown, route = path, headers: Record<string, string> = {}): Promise<HttpResult<T>> {
    return this.call<T>('POST', path, body, route, false, headers);
  }

  put<T = any>(path: string, body: unknown, route = path): Promise<HttpResult<T>> {
    return this.call<T>('PUT', path, body, route);
  }

  text(path: string): Promise<HttpResult<string>> {
    return this.call<string>('GET', path, undefined, path, true);
  }

  private call<T>(method: string, path: string, body: unknown, route: string, raw = false, extraHeaders: Record<string, string> = {}): Promise<HttpResult<T>> {
    const url = new URL(path, this.baseUrl);
    if (url.hostname !== '127.0.0.1' && url.hostname !== 'localhost') return Promise.reject(new Error(`loopback only: ${url.href}`));
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const started = performance.now();
    return new Promise<HttpResult<T>>((resolve, reject) => {
      const req = request(
        url,
        {
          method,
          agent,
          timeout: 30_000,
          headers: {
            accept: 'application/json',
            ...(payload ? { 'content-type': 'application/json', 'content-length': String(payload.length) } : {}),
            ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
            ...extraHeaders,
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            const status = res.statusCode ?? 0;
            const key = `${method} ${route} ${status}`;
            httpStats.set(key, (httpStats.get(key) ?? 0) + 1);
            if (status >= 500 && httpErrors.length < 20) httpErrors.push(`${key}: ${text.slice(0, 300)}`);
            let parsed: unknown = text;
            if (!raw && text) {
              try {
                parsed = JSON.parse(text);
              } catch {
                /* keep the text */
              }
            }
            resolve({ status, body: parsed as T, ms: performance.now() - started, headers: res.headers });
          });
          res.on('error', reject);
        },
      );
      req.on('timeout', () => req.destroy(new Error(`${method} ${url.pathname} timed out after 30 s`)));
      req.on('error', (error) => {
        const key = `${method} ${route} ERR`;
        httpStats.set(key, (httpStats.get(key) ?? 0) + 1);
        if (httpErrors.length < 20) httpErrors.push(`${key}: ${String(error)}`);
        reject(error);
      });
      if (payload) req.write(payload);
      req.end();
    });
  }
}

export function destroyHttpAgent(): void {
  agent.destroy();
}
