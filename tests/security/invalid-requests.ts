/**
 * Builds invalid requests for every operation of a service's OpenAPI document: each one breaks
 * exactly one thing the document declares (a type, a bound, a format, the body's syntax or media
 * type, the token), on top of a base request that is otherwise valid. So a route added tomorrow is
 * attacked the same way, with no test to write.
 */
import { randomUUID } from 'node:crypto';
import { ROLES, type Role } from '@askfirst/platform';

export interface Param {
  name: string;
  schema: any;
  required: boolean;
}

export interface Operation {
  method: string;
  /** OpenAPI path template, e.g. /orders/{id}/decision. */
  path: string;
  pathParams: Param[];
  queryParams: Param[];
  headerParams: Param[];
  bodySchema?: any;
  /** Roles from the x-roles extension (@Roles); undefined on public routes. */
  roles?: Role[];
  isPublic: boolean;
  /** Names of the security schemes the operation requires (["bearer"]). */
  security: string[];
  /** Pages for browsers (the decision link): a refused token is an HTML page, not problem+json. */
  producesHtml: boolean;
}

export type Expectation =
  /** 4xx problem+json; if `field` is given, a validation problem whose errors name that field. */
  | { kind: 'problem'; status?: number; statuses?: number[]; field?: string; onlyField?: boolean }
  /** A 4xx page (decision links) or problem+json. */
  | { kind: 'page-or-problem' };

export interface InvalidRequest {
  label: string;
  method: string;
  path: string;
  body?: string;
  contentType?: string;
  headers?: Record<string, string>;
  auth: 'none' | 'allowed';
  expect: Expectation;
}

export type Schemas = Record<string, any>;

export function resolve(schema: any, schemas: Schemas): any {
  if (schema?.$ref) return resolve(schemas[schema.$ref.split('/').pop()], schemas);
  if (schema?.allOf) return Object.assign({}, ...schema.allOf.map((s: any) => resolve(s, schemas)));
  return schema ?? {};
}

export function operationsOf(doc: any): Operation[] {
  const out: Operation[] = [];
  const schemas: Schemas = doc.components?.schemas ?? {};
  for (const [path, item] of Object.entries<any>(doc.paths ?? {})) {
    for (const method of ['get', 'post', 'put', 'patch', 'delete']) {
      const op = item[method];
      if (!op) continue;
      const params: any[] = op.parameters ?? [];
      const param = (p: any): Param => ({ name: p.name, schema: resolve(p.schema, schemas), required: p.required === true || p.in === 'path' });
      const bodyRef = op.requestBody?.content?.['application/json']?.schema;
      const responses = Object.values<any>(op.responses ?? {});
      out.push({
        method: method.toUpperCase(),
        path,
        pathParams: params.filter((p) => p.in === 'path').map(param),
        queryParams: params.filter((p) => p.in === 'query').map(param),
        headerParams: params.filter((p) => p.in === 'header').map(param),
        bodySchema: bodyRef ? resolve(bodyRef, schemas) : undefined,
        roles: Array.isArray(op['x-roles']) ? op['x-roles'] : undefined,
        isPublic: op['x-public'] === true,
        security: (op.security ?? []).flatMap((s: object) => Object.keys(s)),
        producesHtml: responses.some((r) => r?.content?.['text/html']) || (op.produces ?? []).includes('text/html'),
      });
    }
  }
  return out;
}

export function operationKey(op: Pick<Operation, 'method' | 'path'>): string {
  return `${op.method} ${op.path}`;
}

/** The roles a route refuses: every known role not in its x-roles. */
export function refusedRoles(op: Operation): Role[] {
  return op.roles ? ROLES.filter((r) => !op.roles!.includes(r)) : [];
}

/** A value the schema accepts: its example, first enum value, default, or the smallest thing that fits. */
export function validValue(schema: any, schemas: Schemas, depth = 0): unknown {
  const s = resolve(schema, schemas);
  if (s.example !== undefined) return s.example;
  if (s.enum) return s.enum[0];
  if (s.default !== undefined) return s.default;
  switch (s.type) {
    case 'integer':
    case 'number':
      return Math.min(Math.max(1, s.minimum ?? 1), s.maximum ?? Number.MAX_SAFE_INTEGER);
    case 'boolean':
      return true;
    case 'array':
      return Array.from({ length: s.minItems ?? 0 }, () => validValue(s.items, schemas, depth + 1));
    case 'object':
      return depth > 4 ? {} : validObject(s, schemas, depth + 1);
    default:
      if (s.format === 'uuid') return randomUUID();
      if (s.format === 'date-time') return '2030-01-01T09:00:00Z';
      if (s.pattern) {
        const pattern = new RegExp(s.pattern, 'u');
        const fit = ['VALUE-1', 'value-1', 'AB', 'A', 'x', '+4915112345678'].find((c) => pattern.test(c));
        if (fit) return fit;
      }
      return 'value-1'.slice(0, s.maxLength ?? 7);
  }
}

export function validObject(schema: any, schemas: Schemas, depth = 0): Record<string, unknown> {
  const s = resolve(schema, schemas);
  const body: Record<string, unknown> = {};
  for (const name of s.required ?? []) body[name] = validValue(s.properties?.[name], schemas, depth);
  return body;
}

/**
 * Values that break what the schema declares for one property — never a value the contract allows.
 * `where` matters: a query-string value is always a string, so "a number" is not wrong there.
 */
export function wrongValues(schema: any, required: boolean, where: 'body' | 'query' | 'path'): [string, unknown][] {
  const type = schema?.type ?? (schema?.enum ? 'string' : undefined);
  const out: [string, unknown][] = [];
  const inBody = where === 'body';
  if (required && inBody) out.push(['null', null]);
  switch (type) {
    case 'integer':
    case 'number':
      out.push(['a string', 'seven']);
      if (inBody) out.push(['an object', { n: 1 }], ['a numeric string', '5']);
      if (type === 'integer') out.push(['a fraction', 1.5]);
      if (schema.minimum !== undefined && schema.minimum > -1) out.push(['negative', -5]);
      if (schema.minimum !== undefined && schema.minimum > 0) out.push(['zero', 0]);
      if (schema.minimum !== undefined && schema.minimum < -1) out.push(['below minimum', schema.minimum - 1]);
      if (schema.maximum !== undefined) out.push(['above maximum', schema.maximum + 1], ['huge', 1e15]);
      break;
    case 'string':
      if (inBody) out.push(['a number', 12345], ['an object', { $gt: '' }], ['a boolean', true]);
      if (schema.maxLength !== undefined) out.push(['too long', 'x'.repeat(schema.maxLength + 1)]);
      if (schema.minLength !== undefined && schema.minLength > 0) out.push(['empty', '']);
      if (schema.enum) out.push(['not in enum', 'NOT_A_KNOWN_VALUE']);
      if (schema.format === 'uuid') out.push(['not a uuid', 'not-a-uuid'], ['sql-ish', "1' OR '1'='1"]);
      if (schema.format === 'email') out.push(['not an email', 'not an email']);
      if (schema.pattern) {
        const pattern = new RegExp(schema.pattern, 'u');
        for (const [label, value] of [['sql-ish', "1' OR '1'='1"], ['markup', '<script>alert(1)</script>'], ['huge', 'X'.repeat(5_000)]] as const) {
          if (!pattern.test(value)) {
            out.push([`not matching its pattern (${label})`, value]);
            break;
          }
        }
      }
      // PostgreSQL cannot store U+0000; it is never meaningful input.
      out.push(['a NUL character', 'ab\u0000cd']);
      break;
    case 'array':
      if (inBody) out.push(['not an array', 'nope'], ['wrong items', [42, null, { x: 1 }]]);
      if (schema.maxItems !== undefined && inBody) out.push(['too many items', Array.from({ length: schema.maxItems + 1 }, () => 'x')]);
      break;
    case 'boolean':
      out.push(['a string', 'yes please']);
      break;
    case 'object':
      if (inBody) out.push(['a string', 'nope'], ['an array', [1, 2]]);
      break;
  }
  return out;
}

export interface RequestContext {
  /** Fills the path template with real ids, so a request that got through would hit a real object. */
  fillPath: (op: Operation, path: string) => string;
  schemas: Schemas;
  /** A valid body for operations whose schema cannot say it (conditional fields). */
  baseBody?: (op: Operation) => Record<string, unknown> | undefined;
}

export function baseBodyOf(op: Operation, ctx: RequestContext): Record<string, unknown> | undefined {
  if (!op.bodySchema) return undefined;
  return ctx.baseBody?.(op) ?? validObject(op.bodySchema, ctx.schemas);
}

export function baseQueryOf(op: Operation, ctx: RequestContext): Record<string, string> {
  const query: Record<string, string> = {};
  for (const q of op.queryParams) if (q.required) query[q.name] = String(validValue(q.schema, ctx.schemas));
  return query;
}

function withQuery(path: string, query: Record<string, string>): string {
  const qs = new URLSearchParams(query).toString();
  return qs ? `${path}${path.includes('?') ? '&' : '?'}${qs}` : path;
}

const JSON_TYPE = 'application/json';

export function invalidRequestsFor(op: Operation, ctx: RequestContext): InvalidRequest[] {
  const baseQuery = baseQueryOf(op, ctx);
  const path = withQuery(ctx.fillPath(op, op.path), baseQuery);
  const base = baseBodyOf(op, ctx);
  const json = (body: unknown) => ({ body: JSON.stringify(body), contentType: JSON_TYPE });
  const withBase = base ? json(base) : {};
  const out: InvalidRequest[] = [];
  const validation = (field?: string): Expectation => ({ kind: 'problem', status: 400, field });

  if (!op.isPublic) out.push({ label: 'no token', method: op.method, path, auth: 'none', ...withBase, expect: { kind: 'problem', status: 401 } });

  for (const param of op.pathParams) {
    const variants: [string, unknown][] = wrongValues({ type: 'string', ...param.schema }, true, 'path');
    // An id the document does not describe: still a bounded, refusable thing (404 at worst).
    if (variants.length <= 1) variants.push(['huge value', 'y'.repeat(5_000)], ['sql-ish', "1' OR '1'='1"]);
    for (const [label, value] of variants) {
      const broken = op.path.replace(`{${param.name}}`, encodeURIComponent(String(value)));
      out.push({
        label: `path ${param.name}: ${label}`, method: op.method, path: withQuery(ctx.fillPath(op, broken), baseQuery), auth: 'allowed', ...withBase,
        expect: op.producesHtml ? { kind: 'page-or-problem' } : { kind: 'problem' },
      });
    }
  }

  for (const q of op.queryParams) {
    for (const [label, value] of wrongValues(q.schema, q.required, 'query')) {
      out.push({ label: `query ${q.name}: ${label}`, method: op.method, path: withQuery(ctx.fillPath(op, op.path), { ...baseQuery, [q.name]: String(value) }), auth: 'allowed', ...withBase, expect: validation(q.name) });
    }
  }

  for (const h of op.headerParams) {
    // A header cannot carry NUL at all (the HTTP client refuses it), so that variant is left out.
    for (const [label, value] of wrongValues(h.schema, false, 'query')) {
      if (String(value).includes('\u0000')) continue;
      out.push({ label: `header ${h.name}: ${label}`, method: op.method, path, auth: 'allowed', ...withBase, headers: { [h.name]: String(value) }, expect: { kind: 'problem', status: 400 } });
    }
  }

  if (['POST', 'PUT', 'PATCH'].includes(op.method)) {
    out.push({ label: 'invalid JSON', method: op.method, path, auth: 'allowed', body: '{"broken": ', contentType: JSON_TYPE, expect: { kind: 'problem', status: 400 } });
    out.push({ label: 'wrong content type', method: op.method, path, auth: 'allowed', body: 'status=REFUNDED', contentType: 'text/plain', expect: { kind: 'problem', status: 415 } });
    out.push({ label: 'body too large', method: op.method, path, auth: 'allowed', ...json({ ...(base ?? {}), padding: 'z'.repeat(200_000) }), expect: { kind: 'problem', status: 413 } });
    if (op.bodySchema) {
      // Exactly one error: proves the base body is otherwise valid, so each variant below is refused for its own reason.
      out.push({ label: 'unknown field status=REFUNDED', method: op.method, path, auth: 'allowed', ...json({ ...base, status: 'REFUNDED' }), expect: { kind: 'problem', status: 400, field: 'status', onlyField: true } });
      // class-transformer skips these keys, so the whitelist alone would never see them.
      for (const key of ['__proto__', 'constructor']) {
        const raw = JSON.stringify(base);
        const body = raw === '{}' ? `{"${key}":{"status":"REFUNDED"}}` : `{"${key}":{"status":"REFUNDED"},${raw.slice(1)}`;
        out.push({ label: `unknown field ${key}`, method: op.method, path, auth: 'allowed', body, contentType: JSON_TYPE, expect: { kind: 'problem', status: 400, field: key } });
      }
      out.push({ label: 'nested 20 000 levels deep', method: op.method, path, auth: 'allowed', body: `{"deep":${'['.repeat(20_000)}${']'.repeat(20_000)}}`, contentType: JSON_TYPE, expect: { kind: 'problem', status: 400 } });
      out.push({ label: 'body is an array', method: op.method, path, auth: 'allowed', body: '[1,2,3]', contentType: JSON_TYPE, expect: { kind: 'problem', status: 400 } });
      out.push({ label: 'body is a string', method: op.method, path, auth: 'allowed', body: '"REFUNDED"', contentType: JSON_TYPE, expect: { kind: 'problem', status: 400 } });
      for (const [label, body, field] of fieldVariants(op.bodySchema, base!, ctx.schemas)) {
        out.push({ label, method: op.method, path, auth: 'allowed', ...json(body), expect: validation(field) });
      }
    }
  }
  return out;
}

/** One wrong property at a time, nested objects and the first item of arrays included. */
function fieldVariants(schema: any, base: Record<string, unknown>, schemas: Schemas, prefix = '', depth = 0): [string, Record<string, unknown>, string][] {
  const s = resolve(schema, schemas);
  const out: [string, Record<string, unknown>, string][] = [];
  for (const name of Object.keys(s.properties ?? {})) {
    const prop = resolve(s.properties[name], schemas);
    const required = (s.required ?? []).includes(name);
    const field = prefix ? `${prefix}.${name}` : name;
    for (const [label, value] of wrongValues(prop, required, 'body')) out.push([`${field}: ${label}`, { ...base, [name]: value }, field]);
    if (required) {
      const { [name]: _dropped, ...rest } = base;
      out.push([`${field}: missing`, rest, field]);
    }
    if (depth >= 2) continue;
    // Nested: the object itself, or the first item of an array of objects.
    const nested = prop.type === 'array' ? resolve(prop.items, schemas) : prop;
    if (nested.type !== 'object' && !nested.properties) continue;
    const current = base[name];
    if (prop.type === 'array') {
      const items = Array.isArray(current) && current.length > 0 ? current : [validObject(nested, schemas)];
      for (const [label, item, itemField] of fieldVariants(nested, items[0] as Record<string, unknown>, schemas, `${field}[0]`, depth + 1)) {
        out.push([label, { ...base, [name]: [item, ...items.slice(1)] }, itemField]);
      }
    } else {
      const inner = current && typeof current === 'object' ? (current as Record<string, unknown>) : validObject(nested, schemas);
      for (const [label, value, innerField] of fieldVariants(nested, inner, schemas, field, depth + 1)) out.push([label, { ...base, [name]: value }, innerField]);
    }
  }
  return out;
}

/** Every place a request body declares a property without a bound (maxLength, maximum, maxItems, enum, format). */
export function unboundedProperties(schema: any, schemas: Schemas, path = ''): string[] {
  const s = resolve(schema, schemas);
  const out: string[] = [];
  for (const [name, raw] of Object.entries<any>(s.properties ?? {})) {
    const prop = resolve(raw, schemas);
    const here = path ? `${path}.${name}` : name;
    out.push(...unboundedValue(prop, schemas, here));
  }
  return out;
}

function unboundedValue(prop: any, schemas: Schemas, here: string): string[] {
  const type = prop.type ?? (prop.enum ? 'string' : prop.properties ? 'object' : undefined);
  switch (type) {
    case 'string':
      return prop.enum || prop.maxLength !== undefined || prop.format === 'uuid' ? [] : [`${here} (string without maxLength)`];
    case 'integer':
    case 'number':
      return prop.maximum !== undefined ? [] : [`${here} (number without maximum)`];
    case 'array':
      return [...(prop.maxItems !== undefined ? [] : [`${here} (array without maxItems)`]), ...unboundedValue(resolve(prop.items, schemas), schemas, `${here}[]`)];
    case 'object':
      return unboundedProperties(prop, schemas, here);
    case 'boolean':
      return [];
    default:
      return [`${here} (no type)`];
  }
}
