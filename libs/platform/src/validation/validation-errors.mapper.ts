import type { ValidationError } from 'class-validator';
import type { FieldError } from '../problem/problem-details.model';

// Flattens class-validator's error tree (nested objects, arrays) into one entry per field and
// constraint, so a client can show every problem at once.
export function toFieldErrors(errors: readonly ValidationError[], parent: string[] = []): FieldError[] {
  return errors.flatMap((error) => {
    const path = error.property === '' || error.property === undefined ? parent : [...parent, error.property];
    const own = Object.entries(error.constraints ?? {}).map(([constraint, message]) => ({
      field: dotted(path),
      pointer: `#/${path.map(escapePointer).join('/')}`.replace(/\/$/, ''),
      constraint,
      detail: path.length === 0 && constraint === 'unknownValue' ? 'The request body must be a JSON object.' : message,
    }));
    return [...own, ...toFieldErrors(error.children ?? [], path)];
  });
}

function dotted(path: string[]): string {
  return path.reduce((out, key) => (/^\d+$/.test(key) ? `${out}[${key}]` : out ? `${out}.${key}` : key), '');
}

// RFC 6901: "~" and "/" inside a key are escaped.
function escapePointer(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}
