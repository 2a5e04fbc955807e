import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Principal } from '../auth/principal.model';

// The few Express fields the platform reads. Declared here instead of pulling in @types/express,
// which this repo does not install (Express is an implementation detail of the Nest adapter).
export interface HttpRequest extends IncomingMessage {
  method: string;
  url: string;
  originalUrl: string;
  baseUrl?: string;
  route?: { path: string | RegExp };
  body?: unknown;
  ip?: string;
  principal?: Principal;
  correlationId?: string;
}

export interface HttpResponse extends ServerResponse {
  status(code: number): this;
  json(body: unknown): this;
  send(body?: unknown): this;
}

export type NextFunction = (err?: unknown) => void;
export type HttpMiddleware = (req: HttpRequest, res: HttpResponse, next: NextFunction) => void;

// Path without the query string: query strings may carry signed tokens, so they stay out of
// problem bodies, logs and metric labels.
export function requestPath(req: { originalUrl?: string; url?: string }): string {
  return (req.originalUrl ?? req.url ?? '/').split('?')[0] || '/';
}
