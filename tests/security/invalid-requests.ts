/** Builds invalid requests for every operation of a service's OpenAPI document. */

export interface Operation {
  method: string;
  path: string;
  pathParams: string[];
  queryParams: { name: string; schema: any }[];
  bodySchema?: any;
  isPublic: boolean;
}

export interface InvalidRequest {
  label: string;
  method: string;
  path: string;
  body?: string;
  contentType?: string;
  auth: 'none' | 'default';
}

type Schemas = Record<string, any>;

function resolve(schema: any, schemas: Schemas): any {
  if (schema?.$ref) return resolve(schemas[schema.$ref.split('/').pop()], schemas);
  if (schema?.allOf) return Object.assign({}, ...schema.allOf.map((s: any) => resolve(s, schemas)));
  return schema ?? {};
}

export function operationsOf(doc: any): Operation[] {
  const out: Operation[] = [];
  for (const [path, item] of Object.entries<any>(doc.paths ?? {})) {
    for (const method of ['get', 'post', 'put', 'patch', 'delete']) {
      const op = item[method];
      if (!op) continue;
      const params: any[] = op.parameters ?? [];
      const bodyRef = op.requestBody?.content?.['application/json']?.schema;
      out.push({
        method: method.toUpperCase(),
        path,
        pathParams: params.filter((p) => p.in === 'path').map((p) => p.name),
        queryParams: params.filter((p) => p.in === 'query').map((p) => ({ name: p.name, schema: p.schema ?? {} })),
        bodySchema: bodyRef ? resolve(bodyRef, doc.components?.schemas ?? {}) : undefined,
        isPublic: Array.isArray(op.security) && op.security.length === 0,
      });
    }
  }
  return out;
}

/**
 * Values that break what the schema declares for one property (type, bounds, length, enum) — never a
 * value the contract allows, so every one of them must be refused.
 */
function wrongValues(schema: any, required: boolean): [string, unknown][] {
  const type = schema?.type ?? (schema?.enum ? 'string' : undefined);
  const out: [string, unknown][] = [];
  if (required) out.push(['null', null]);
  switch (type) {
    case 'integer':
    case 'number':
      out.push(['a string', 'seven'], ['an object', { n: 1 }]);
      if (type === 'integer') out.push(['a fraction', 1.5]);
      if (schema.minimum !== undefined && schema.minimum > -1) out.push(['negative', -5]);
      if (schema.minimum !== undefined && schema.minimum > 0) out.push(['zero', 0]);
      if (schema.maximum !== undefined) out.push(['above maximum', schema.maximum + 1], ['huge', 1e15]);
      break;
    case 'string':
      out.push(['a number', 12345], ['an object', { $gt: '' }]);
      if (schema.maxLength !== undefined) out.push(['too long', 'x'.repeat(schema.maxLength + 1)]);
      if (schema.enum) out.push(['not in enum', 'NOT_A_KNOWN_VALUE']);
      if (schema.format === 'uuid') out.push(['not a uuid', 'not-a-uuid']);
      if (schema.format === 'email') out.push(['not an email', 'not an email']);
      break;
    case 'array':
      out.push(['not an array', 'nope'], ['wrong items', [42, null, 'x']]);
      if (schema.maxItems !== undefined) out.push(['too many items', Array.from({ length: schema.maxItems + 1 }, () => schema.items?.type === 'string' ? 'A' : {})]);
      break;
    case 'boolean':
      out.push(['a string', 'yes please']);
      break;
    case 'object':
      out.push(['a string', 'nope'], ['an array', [1, 2]]);
      break;
  }
  return out;
}

/** A minimal plausible body, so one wrong field at a time is what gets rejected. */
export function plausibleBody(schema: any, schemas: Schemas = {}): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  const s = resolve(schema, schemas);
  for (const name of s.required ?? []) {
    const p = resolve(s.properties?.[name], schemas);
    body[name] = p?.enum?.[0] ?? p?.example ?? (p?.type === 'integer' || p?.type === 'number' ? 1 : p?.type === 'array' ? [] : p?.type === 'object' ? {} : p?.type === 'boolean' ? true : 'VALUE-1');
  }
  return body;
}

export function invalidRequestsFor(op: Operation, fillPath: (path: string) => string, schemas: Schemas = {}): InvalidRequest[] {
  const path = fillPath(op.path);
  const out: InvalidRequest[] = [];
  if (!op.isPublic) out.push({ label: 'no token', method: op.method, path, auth: 'none', ...(op.bodySchema ? { body: JSON.stringify(plausibleBody(op.bodySchema, schemas)), contentType: 'application/json' } : {}) });
  for (const param of op.pathParams) {
    // Ids of our own aggregates are UUIDs; free-form keys (store, SKU, shopper) are at least bounded.
    const uuidLike = /^(id|orderId|caseId|noticeId|refundId)$/.test(param);
    const variants: [string, string][] = [['huge value', 'y'.repeat(5_000)]];
    if (uuidLike) variants.push(['not a uuid', 'not-an-id'], ['sql-ish', "1' OR '1'='1"]);
    for (const [label, value] of variants) {
      const broken = op.path.replace(`{${param}}`, encodeURIComponent(value));
      out.push({ label: `path ${param}: ${label}`, method: op.method, path: fillPath(broken), auth: 'default', ...(op.bodySchema ? { body: JSON.stringify(plausibleBody(op.bodySchema, schemas)), contentType: 'application/json' } : {}) });
    }
  }
  for (const q of op.queryParams) {
    for (const [label, value] of wrongValues(q.schema, false)) {
      if (value === null || typeof value === 'object' || label === 'a fraction') continue;
      const sep = path.includes('?') ? '&' : '?';
      out.push({ label: `query ${q.name}: ${label}`, method: op.method, path: `${path}${sep}${q.name}=${encodeURIComponent(String(value))}`, auth: 'default' });
    }
  }
  if (['POST', 'PUT', 'PATCH'].includes(op.method)) {
    out.push({ label: 'invalid JSON', method: op.method, path, auth: 'default', body: '{"broken": ', contentType: 'application/json' });
    out.push({ label: 'wrong content type', method: op.method, path, auth: 'default', body: 'status=REFUNDED', contentType: 'text/plain' });
    if (op.bodySchema) {
      const base = plausibleBody(op.bodySchema, schemas);
      out.push({ label: 'unknown field status=REFUNDED', method: op.method, path, auth: 'default', body: JSON.stringify({ ...base, status: 'REFUNDED' }), contentType: 'application/json' });
      out.push({ label: 'body is an array', method: op.method, path, auth: 'default', body: '[1,2,3]', contentType: 'application/json' });
      out.push({ label: 'body too large', method: op.method, path, auth: 'default', body: JSON.stringify({ ...base, padding: 'z'.repeat(200_000) }), contentType: 'application/json' });
      for (const name of Object.keys(op.bodySchema.properties ?? {})) {
        const prop = resolve(op.bodySchema.properties[name], schemas);
        for (const [label, value] of wrongValues(prop, (op.bodySchema.required ?? []).includes(name))) {
          out.push({ label: `${name}: ${label}`, method: op.method, path, auth: 'default', body: JSON.stringify({ ...base, [name]: value }), contentType: 'application/json' });
        }
        if ((op.bodySchema.required ?? []).includes(name)) {
          const { [name]: _dropped, ...rest } = base;
          out.push({ label: `${name}: missing`, method: op.method, path, auth: 'default', body: JSON.stringify(rest), contentType: 'application/json' });
        }
      }
    }
  }
  return out;
}
