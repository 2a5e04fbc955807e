// RFC 9457 problem details. Extension members (code, errors, current, correlationId …) sit beside
// the standard ones, as the RFC allows.
export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

// Generic HTTP problems use "about:blank" (title = status phrase, RFC 9457 §4.2.1); our own kinds
// get a stable URN so clients can branch on `type` without parsing `detail`.
export const PROBLEM_TYPE_PREFIX = 'urn:askfirst:problem:';

export interface FieldError {
  field: string; // dotted path, e.g. "lines[0].quantity"; "" means the body itself
  pointer: string; // JSON pointer into the request body, e.g. "#/lines/0/quantity"
  constraint: string; // class-validator constraint name, e.g. "min", "whitelistValidation"
  detail: string;
}

export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

export function problemType(slug: string): string {
  return `${PROBLEM_TYPE_PREFIX}${slug}`;
}
