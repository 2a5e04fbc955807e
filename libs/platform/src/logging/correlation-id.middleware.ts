import { randomUUID } from 'node:crypto';
import type { HttpMiddleware } from '../http/http.types';
import { RequestContext } from './request-context';

export const CORRELATION_ID_HEADER = 'x-correlation-id';

// An incoming id is reused only if it looks like an id: it ends up in every log line and event.
const SAFE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

// Takes x-correlation-id (or makes a UUID), echoes it on the response and runs the rest of the
// request inside RequestContext. body-parser keeps the async context across its stream callbacks
// (the slow-body test in test/service-app.int-spec.ts guards that).
export const correlationIdMiddleware: HttpMiddleware = (req, res, next) => {
  const incoming = req.headers[CORRELATION_ID_HEADER];
  const correlationId = typeof incoming === 'string' && SAFE_ID.test(incoming) ? incoming : randomUUID();
  req.correlationId = correlationId;
  res.setHeader(CORRELATION_ID_HEADER, correlationId);
  RequestContext.run({ correlationId }, () => next());
};
