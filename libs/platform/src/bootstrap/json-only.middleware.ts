import { UnsupportedMediaTypeException } from '@nestjs/common';
import type { HttpMiddleware, HttpRequest } from '../http/http.types';

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);
const JSON_TYPE = /^application\/([\w.-]+\+)?json$/i;
const FORM_TYPE = /^application\/x-www-form-urlencoded$/i;

// Refuses a body in any other format with 415 before parsing, instead of letting it reach a
// handler as an empty object. Bodiless POSTs (e.g. "cancel") pass.
export function jsonOnlyMiddleware(options: { acceptForms?: boolean } = {}): HttpMiddleware {
  return (req, _res, next) => {
    if (!BODY_METHODS.has(req.method) || !hasBody(req)) return next();
    const mediaType = (req.headers['content-type'] ?? '').split(';')[0].trim();
    if (JSON_TYPE.test(mediaType) || (options.acceptForms && FORM_TYPE.test(mediaType))) return next();
    const accepted = options.acceptForms ? 'application/json or application/x-www-form-urlencoded' : 'application/json';
    next(new UnsupportedMediaTypeException(`Content-Type must be ${accepted}, got "${mediaType.slice(0, 100) || 'none'}".`));
  };
}

function hasBody(req: HttpRequest): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}
