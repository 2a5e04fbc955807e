import { ArgumentMetadata, ValidationPipe } from '@nestjs/common';
import type { FieldError } from '../problem/problem-details.model';
import { RequestValidationException } from './request-validation.exception';
import { toFieldErrors } from './validation-errors.mapper';

// Unknown fields are an error, not silently dropped: a misspelt "onShortage" must not fall
// back to a default the shopper never chose.
export function createValidationPipe(): ValidationPipe {
  return new RequestValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new RequestValidationException(toFieldErrors(errors)),
  });
}

// Checks class-validator cannot make: PostgreSQL cannot store U+0000 in text or jsonb, so a NUL
// anywhere in a body, query or path value would fail in the database as a 500; and "__proto__",
// "constructor" and "prototype" keys slip past the whitelist (class-transformer skips them), so a
// body with them would be accepted as if the unknown field were not there. Both are refused here,
// for every route, before any DTO sees the value.
class RequestValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' || metadata.type === 'query' || metadata.type === 'param') {
      const errors = unsafeInput(value, metadata.type === 'param' && metadata.data ? [metadata.data] : []);
      if (errors.length > 0) throw new RequestValidationException(errors);
    }
    return super.transform(value, metadata);
  }
}

const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

// No DTO nests anywhere near this deep; a 64 kB body of "[[[[…" would otherwise overflow the stack
// of every recursive walker after the parser (this one, class-transformer, class-validator): a 500.
export const MAX_BODY_DEPTH = 32;

export function unsafeInput(value: unknown, path: string[] = [], found: FieldError[] = []): FieldError[] {
  if (found.length >= 20) return found;
  if (path.length > MAX_BODY_DEPTH) {
    found.push(fieldError(path.slice(0, MAX_BODY_DEPTH), 'maxDepth', `must not nest deeper than ${MAX_BODY_DEPTH} levels`));
    return found;
  }
  if (typeof value === 'string') {
    if (value.includes('\u0000')) found.push(fieldError(path, 'noNulCharacter', 'must not contain the NUL character (U+0000)'));
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => unsafeInput(item, [...path, String(index)], found));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (UNSAFE_KEYS.has(key)) found.push(fieldError([...path, key], 'whitelistValidation', `property ${key} should not exist`));
      else unsafeInput(item, [...path, key], found);
    }
  }
  return found;
}

function fieldError(path: string[], constraint: string, detail: string): FieldError {
  return {
    field: path.reduce((out, key) => (/^\d+$/.test(key) ? `${out}[${key}]` : out ? `${out}.${key}` : key), ''),
    pointer: `#/${path.map((k) => k.replace(/~/g, '~0').replace(/\//g, '~1')).join('/')}`.replace(/\/$/, ''),
    constraint,
    detail,
  };
}
