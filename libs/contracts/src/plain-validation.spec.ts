import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { Expose, plainToInstance, Transform } from 'class-transformer';
import { getMetadataStorage, IsInt, validateSync, ValidatePromise, ValidationTypes } from 'class-validator';
import { EVENT_DEFINITIONS } from './catalog';
import { EventEnvelope } from './envelope';
import { PlainValidator } from './plain-validation';

const { defaultMetadataStorage } = require('class-transformer/cjs/storage') as typeof import('class-transformer/types/storage');

type Meta = { type: string; name: string; propertyName: string; constraints: unknown[]; each?: boolean };
const storage = getMetadataStorage() as unknown as {
  getTargetValidationMetadatas(t: Function, s: string | undefined, a: boolean, g: boolean, groups?: string[]): Meta[];
  groupByPropertyName(m: Meta[]): Record<string, Meta[]>;
};

/** Deterministic, so a failure reproduces. */
function random(seed: number) {
  let s = seed;
  const next = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  return { next, int: (n: number) => Math.floor(next() * n), pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)] };
}
type Random = ReturnType<typeof random>;

const STRINGS = ['SKU-1', 'ABC', 'EUR', 'abc', 'order.placed.v1', 'x', '', 'ünïcødé', '2026-01-01T10:00:00.000Z'];

/** What class-validator (after plainToInstance, as the codec does) says of a payload. */
function fullPathAccepts(cls: Function, value: unknown): boolean {
  if (cls === EventEnvelope) return validateSync(Object.assign(new EventEnvelope(), value)).length === 0;
  return validateSync(plainToInstance(cls as new () => object, value) as object, { forbidUnknownValues: true }).length === 0;
}

function nestedClass(cls: Function, property: string): Function | undefined {
  return defaultMetadataStorage.findTypeMetadata(cls, property)?.typeFunction() as Function | undefined;
}

/** A value meeting a property's rules (as far as they are simple enough to meet blindly). */
function validProperty(cls: Function, property: string, rules: Meta[], r: Random, depth: number): unknown {
  const has = (name: string) => rules.find((m) => m.name === name || m.type === name);
  const nested = has(ValidationTypes.NESTED_VALIDATION);
  const element = (): unknown => {
    if (nested) return validObject(nestedClass(cls, property)!, r, depth + 1);
    if (has('isUuid')) return randomUUID();
    if (has('isEnum')) return r.pick(Object.values(has('isEnum')!.constraints[0] as object));
    if (has('isIn')) return r.pick(has('isIn')!.constraints[0] as unknown[]);
    if (has('matches')) return STRINGS.find((s) => (has('matches')!.constraints[0] as RegExp).test(s)) ?? 'X';
    if (has('isIso8601')) return new Date(1_700_000_000_000 + r.int(1e9)).toISOString();
    if (has('isInt')) {
      const min = (has('min')?.constraints[0] as number) ?? 0;
      const max = (has('max')?.constraints[0] as number) ?? min + 100;
      return min + r.int(max - min + 1);
    }
    if (has('isObject')) return { note: 'x' };
    return 'text';
  };
  const isArray = has('isArray') || rules.some((m) => m.each);
  if (!isArray) return element();
  const min = (has('arrayMinSize')?.constraints[0] as number) ?? 0;
  const max = Math.min(3, (has('arrayMaxSize')?.constraints[0] as number) ?? 3);
  return Array.from({ length: min + r.int(Math.max(1, max - min + 1)) }, element);
}

function validObject(cls: Function, r: Random, depth = 0): Record<string, unknown> {
  const grouped = storage.groupByPropertyName(storage.getTargetValidationMetadatas(cls, undefined, false, false, undefined));
  const out: Record<string, unknown> = {};
  for (const [property, rules] of Object.entries(grouped)) {
    const optional = rules.some((m) => m.type === ValidationTypes.CONDITIONAL_VALIDATION);
    if (optional && r.next() < 0.3) continue;
    out[property] = validProperty(cls, property, rules, r, depth);
  }
  return out;
}

function oddValue(r: Random, cls: Function): unknown {
  return r.pick<() => unknown>([
    () => undefined, () => null, () => '', () => 'x', () => 'Y'.repeat(300), () => randomUUID(), () => 'not-a-uuid', () => 0, () => -1, () => 1.5,
    () => 2 ** 31, () => 1000, () => true, () => ({}), () => [], () => [null], () => ['x'], () => [randomUUID()], () => ({ a: 1 }),
    () => '2026-13-45', () => '2026-01-01T00:00:00Z', () => 'SKU-1', () => 'EUR', () => [validObject(cls, r)], () => validObject(cls, r),
    () => JSON.parse('{"__proto__": {"x": 1}}'),
  ])();
}

/** Changes a few properties, possibly deep inside nested objects and arrays. */
function mutate(value: unknown, r: Random, cls: Function, times: number): unknown {
  const copy = JSON.parse(JSON.stringify(value ?? null));
  for (let i = 0; i < times; i++) {
    let target = copy;
    while (target && typeof target === 'object' && r.next() < 0.4) {
      const keys = Object.keys(target);
      const next = keys.length ? target[r.pick(keys)] : undefined;
      if (!next || typeof next !== 'object') break;
      target = next;
    }
    if (!target || typeof target !== 'object') continue;
    const keys = Object.keys(target);
    if (Array.isArray(target)) {
      // JSON arrays have no holes and no named keys; an element may become anything.
      if (keys.length) target[Number(r.pick(keys))] = oddValue(r, cls);
      continue;
    }
    const key = keys.length && r.next() < 0.9 ? r.pick(keys) : `extra${i}`;
    if (r.next() < 0.15) delete target[key];
    else target[key] = oddValue(r, cls);
  }
  return copy;
}

describe('PlainValidator', () => {
  const checker = new PlainValidator();
  const classes: [string, Function][] = [
    ['EventEnvelope', EventEnvelope],
    ...[...new Map(EVENT_DEFINITIONS.map((d) => [d.payload.name, d.payload])).entries()],
  ];

  it.each(classes)('never accepts a %s that plainToInstance + validateSync refuses, and accepts every valid one', (_name, cls) => {
    const r = random(cls.name.length * 7919);
    let accepted = 0;
    let refused = 0;
    for (let i = 0; i < 600; i++) {
      const base = validObject(cls, r);
      const value = i % 4 === 0 ? base : mutate(base, r, cls, 1 + r.int(3));
      const full = fullPathAccepts(cls, value);
      const quick = checker.accepts(cls, value);
      // A yes must always be right. A no sends the value the full path, which decides: it may be
      // wrong only for odd shapes (an array where an object belongs, which class-validator lets
      // through), never for a well-formed event.
      if ((quick && !full) || (i % 4 === 0 && !quick)) throw new Error(`${cls.name}: quick ${quick}, full ${full} for ${require("node:util").inspect(value, { depth: 6, breakLength: 400 })}`);
      if (full) accepted++;
      else refused++;
    }
    // Both answers occur often enough for the comparison to mean something.
    expect(accepted).toBeGreaterThan(100);
    expect(refused).toBeGreaterThan(50);
  });

  it('leaves to the full path what is not a plain object: arrays, instances, a __proto__ key, null', () => {
    const cls = EVENT_DEFINITIONS[0].payload;
    const valid = validObject(cls, random(1));
    expect(checker.accepts(cls, valid)).toBe(true);
    expect(checker.accepts(cls, [valid])).toBe(false);
    expect(checker.accepts(cls, Object.assign(new (cls as new () => object)(), valid))).toBe(false);
    expect(checker.accepts(cls, { ...valid, ...JSON.parse('{"__proto__": {}}') })).toBe(false);
    expect(checker.accepts(cls, null)).toBe(false);
  });

  it('refuses a class without rules, as forbidUnknownValues does', () => {
    class NoRules {}
    expect(checker.accepts(NoRules, {})).toBe(false);
  });

  it('takes a class with rules it does not know to the full path', () => {
    class Known {
      @IsInt()
      n!: number;
    }
    class WithPromiseRule {
      @ValidatePromise()
      @IsInt()
      n!: number;
    }
    expect(checker.accepts(Known, { n: 1 })).toBe(true);
    expect(checker.accepts(Known, { n: 'one' })).toBe(false);
    expect(checker.accepts(WithPromiseRule, { n: 1 })).toBe(false);
  });

  it('takes a class whose instances class-transformer would change (@Transform, @Expose, @Exclude) to the full path', () => {
    class Transformed {
      @Transform(({ value }) => Number(value))
      @IsInt()
      n!: number;
    }
    class Exposed {
      @Expose({ name: 'count' })
      @IsInt()
      n!: number;
    }
    expect(checker.accepts(Transformed, { n: 1 })).toBe(false);
    expect(checker.accepts(Exposed, { n: 1 })).toBe(false);
  });
});
