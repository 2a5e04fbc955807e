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

// PostgreSQL cannot store U+0000 in text or jsonb: a NUL anywhere in a body, query or path value
// would reach the database and fail there as a 500. It is never meaningful input, so it is refused
// here, for every route, before any DTO sees it.
class RequestValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' || metadata.type === 'query' || metadata.type === 'param') {
      const errors = nulCharacters(value, metadata.type === 'param' && metadata.data ? [metadata.data] : []);
      if (errors.length > 0) throw new RequestValidationException(errors);
    }
    return super.transform(value, metadata);
  }
}

export function nulCharacters(value: unknown, path: string[] = [], found: FieldError[] = []): FieldError[] {
  if (found.length >= 20) return found;
  if (typeof value === 'string') {
    if (value.includes('\u0000')) {
      found.push({
        field: path.reduce((out, key) => (/^\d+$/.test(key) ? `${out}[${key}]` : out ? `${out}.${key}` : key), ''),
        pointer: `#/${path.map((k) => k.replace(/~/g, '~0').replace(/\//g, '~1')).join('/')}`.replace(/\/$/, ''),
        constraint: 'noNulCharacter',
        detail: 'must not contain the NUL character (U+0000)',
      });
    }
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => nulCharacters(item, [...path, String(index)], found));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) nulCharacters(item, [...path, key], found);
  }
  return found;
}
