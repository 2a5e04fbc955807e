import { TransformationType } from 'class-transformer';
import { getMetadataStorage, ValidationTypes } from 'class-validator';

// class-transformer's registry of @Type() targets (the nested payload classes).
const { defaultMetadataStorage } = require('class-transformer/cjs/storage') as typeof import('class-transformer/types/storage');

interface Metadata {
  type: string;
  target: Function | string;
  propertyName: string;
  constraints: unknown[];
  each?: boolean;
  constraintCls: Function;
  validateIf?: (object: object, value: unknown) => boolean;
}

interface Constraint {
  async?: boolean;
  instance: { validate(value: unknown, args: unknown): unknown };
}

interface Storage {
  getTargetValidationMetadatas(target: Function, schema: string | undefined, always: boolean, strictGroups: boolean, groups?: string[]): Metadata[];
  groupByPropertyName(metadata: Metadata[]): Record<string, Metadata[]>;
  getTargetValidatorConstraints(target: Function): Constraint[];
}

interface Check {
  metadata: Metadata;
  constraints: Constraint[];
}

interface PropertyRule {
  property: string;
  conditions: Metadata[];
  checks: Check[];
  /** The class of a nested object (or of each element of a nested array), from its @Type(). */
  nested?: Function;
  /** The schema class-validator passes down to a nested object: the name of the class declaring the property. */
  nestedSchema?: string;
}

/** A class's rules, or null when they use something this checker does not know: the full path decides. */
type Rules = PropertyRule[] | null;

const KNOWN = new Set<string>([ValidationTypes.CUSTOM_VALIDATION, ValidationTypes.IS_DEFINED, ValidationTypes.CONDITIONAL_VALIDATION, ValidationTypes.NESTED_VALIDATION]);

/**
 * Answers "would class-transformer's plainToInstance followed by class-validator's
 * validateSync({ forbidUnknownValues: true }) find nothing wrong?" for a plain JSON value, by
 * running the same constraint functions on the value as it is: no instances, no error objects.
 * Only a yes is trusted; on a no (or a rule it does not know) the caller runs the full path, which
 * says what is wrong. That path is what the contracts are, and tests compare the two on thousands
 * of generated payloads.
 */
export class PlainValidator {
  private readonly storage = getMetadataStorage() as unknown as Storage;
  private readonly rules = new Map<Function, Map<string, Rules>>();

  accepts(cls: Function, value: unknown, schema?: string): boolean {
    if (!isPlainObject(value)) return false;
    const rules = this.rulesOf(cls, schema);
    if (!rules) return false;
    for (const rule of rules) if (!this.acceptsProperty(rule, value, cls)) return false;
    return true;
  }

  private acceptsProperty(rule: PropertyRule, object: Record<string, unknown>, cls: Function): boolean {
    const value = object[rule.property];
    for (const condition of rule.conditions) if (!(condition.constraints[0] as (o: object, v: unknown) => boolean)(object, value)) return true;
    for (const { metadata, constraints } of rule.checks) {
      if (metadata.validateIf && !metadata.validateIf(object, value)) continue;
      const args = { targetName: cls.name, property: metadata.propertyName, object, value, constraints: metadata.constraints };
      for (const constraint of constraints) {
        if (metadata.each && Array.isArray(value)) {
          if (!isJsonArray(value)) return false;
          for (const element of value) if (constraint.instance.validate(element, args) !== true) return false;
        } else if (constraint.instance.validate(value, args) !== true) return false;
      }
    }
    if (rule.nested === undefined || value === undefined) return true;
    // class-validator checks a nested object against its class, and each element of a nested array.
    const elements = Array.isArray(value) ? value : [value];
    if (!isJsonArray(elements)) return false;
    return elements.every((element) => this.accepts(rule.nested!, element, rule.nestedSchema));
  }

  private rulesOf(cls: Function, schema: string | undefined): Rules {
    let bySchema = this.rules.get(cls);
    if (!bySchema) this.rules.set(cls, (bySchema = new Map()));
    const key = schema ?? '';
    if (!bySchema.has(key)) bySchema.set(key, this.build(cls, schema));
    return bySchema.get(key)!;
  }

  private build(cls: Function, schema: string | undefined): Rules {
    const metadata = this.storage.getTargetValidationMetadatas(cls, schema, false, false, undefined);
    // No rules at all: forbidUnknownValues refuses the value.
    if (!metadata.length || metadata.some((m) => !KNOWN.has(m.type))) return null;
    // @Expose/@Exclude/@Transform change what plainToInstance makes: such a class takes the full path.
    if (defaultMetadataStorage.getExposedMetadatas(cls).length || defaultMetadataStorage.getExcludedMetadatas(cls).length) return null;
    const rules: PropertyRule[] = [];
    for (const [property, all] of Object.entries(this.storage.groupByPropertyName(metadata))) {
      if (defaultMetadataStorage.findTransformMetadatas(cls, property, TransformationType.PLAIN_TO_CLASS).length) return null;
      const rule: PropertyRule = { property, conditions: [], checks: [] };
      // class-validator's order: conditions (IsOptional), IsDefined, the other constraints, nesting.
      const defined = all.filter((m) => m.type === ValidationTypes.IS_DEFINED);
      const custom = all.filter((m) => m.type === ValidationTypes.CUSTOM_VALIDATION);
      rule.conditions = all.filter((m) => m.type === ValidationTypes.CONDITIONAL_VALIDATION);
      for (const m of [...defined, ...custom]) {
        const constraints = this.storage.getTargetValidatorConstraints(m.constraintCls);
        if (constraints.some((c) => c.async)) return null;
        rule.checks.push({ metadata: m, constraints });
      }
      const nesting = all.find((m) => m.type === ValidationTypes.NESTED_VALIDATION);
      if (nesting) {
        const type = defaultMetadataStorage.findTypeMetadata(cls, property);
        const nested = type?.typeFunction();
        // Without @Type the nested value stays a plain object, which forbidUnknownValues refuses.
        if (typeof nested !== 'function' || type?.options?.discriminator) return null;
        rule.nested = nested;
        rule.nestedSchema = typeof nesting.target === 'string' ? nesting.target : nesting.target.name;
      }
      rules.push(rule);
    }
    return rules;
  }
}

/** No holes and no undefined elements: JSON.parse never makes them, and class-validator treats them its own way. */
function isJsonArray(values: unknown[]): boolean {
  for (let i = 0; i < values.length; i++) if (values[i] === undefined) return false;
  return true;
}

/** An object literal as JSON.parse makes it; anything else (arrays, a `__proto__` key) goes the full path. */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype && !Object.hasOwn(value, '__proto__');
}
