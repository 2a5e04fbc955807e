import type { Expectation, InvalidRequest } from '../invalid-requests';

export interface RawResponse {
  status: number;
  contentType: string;
  text: string;
  headers: Headers;
}

export async function send(baseUrl: string, req: { method: string; path: string; body?: string; contentType?: string; headers?: Record<string, string> }, token?: string): Promise<RawResponse> {
  const res = await fetch(`${baseUrl}${req.path}`, {
    method: req.method,
    headers: {
      ...(req.contentType ? { 'content-type': req.contentType } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...req.headers,
    },
    body: req.body,
    signal: AbortSignal.timeout(15_000),
  });
  return { status: res.status, contentType: res.headers.get('content-type') ?? '', text: await res.text(), headers: res.headers };
}

/** Why an answer is not the refusal we expect, or undefined when it is. */
export function refusalProblem(res: RawResponse, expect: Expectation): string | undefined {
  if (res.status >= 500) return `${res.status} (server error): ${res.text.slice(0, 300)}`;
  if (res.status < 400) return `${res.status}: accepted — ${res.text.slice(0, 200)}`;
  if (res.status === 429) return '429: rate limited, so the input was never judged';
  if (expect.kind === 'page-or-problem' && res.contentType.startsWith('text/html')) return undefined;
  const shape = problemShape(res);
  if (shape) return shape;
  if (expect.kind !== 'problem') return undefined;
  if (expect.status !== undefined && res.status !== expect.status) return `${res.status}, expected ${expect.status}: ${res.text.slice(0, 300)}`;
  if (expect.statuses && !expect.statuses.includes(res.status)) return `${res.status}, expected one of ${expect.statuses.join('/')}`;
  if (expect.field !== undefined) {
    const errors: { field: string }[] = JSON.parse(res.text).errors ?? [];
    const named = errors.filter((e) => e.field === expect.field || e.field.startsWith(`${expect.field}.`) || e.field.startsWith(`${expect.field}[`));
    if (named.length === 0) return `no validation error names ${expect.field}: ${res.text.slice(0, 400)}`;
    if (expect.onlyField && errors.length !== named.length) return `the base request is not otherwise valid (fix its body in openapi-routes.ts): ${res.text.slice(0, 600)}`;
  }
  return undefined;
}

/** RFC 9457: application/problem+json with type, title, status (= the HTTP status) and an actionable detail. */
export function problemShape(res: RawResponse): string | undefined {
  if (!res.contentType.startsWith('application/problem+json')) return `content-type ${res.contentType || 'none'}, not application/problem+json: ${res.text.slice(0, 200)}`;
  let body: any;
  try {
    body = JSON.parse(res.text);
  } catch {
    return `problem body is not JSON: ${res.text.slice(0, 200)}`;
  }
  if (typeof body.type !== 'string' || typeof body.title !== 'string' || body.status !== res.status) return `problem lacks type/title/status: ${res.text.slice(0, 200)}`;
  if (typeof body.detail !== 'string' || body.detail.trim().length < 5) return `problem has no actionable detail: ${res.text.slice(0, 200)}`;
  return undefined;
}

export function describeRequest(service: string, req: Pick<InvalidRequest, 'method' | 'path' | 'label'>): string {
  const path = req.path.length > 120 ? `${req.path.slice(0, 117)}...` : req.path;
  return `${service} ${req.method} ${path} [${req.label}]`;
}
