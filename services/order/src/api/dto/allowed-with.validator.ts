import { registerDecorator, ValidationArguments, ValidationOptions } from 'class-validator';

/**
 * The field may only be set when `field` of the same object has one of `values`
 * (e.g. ifNoAnswerWithin only with CONTACT_ME), so a stray option never passes unnoticed.
 */
export function AllowedWith(field: string, values: readonly string[], options?: ValidationOptions) {
  return (target: object, property: string) =>
    registerDecorator({
      name: 'allowedWith',
      target: target.constructor,
      propertyName: property,
      constraints: [field, values],
      options: { message: `${property} is only allowed when ${field} is ${values.join(' or ')}`, ...options },
      validator: {
        validate(value: unknown, args: ValidationArguments) {
          if (value === undefined) return true;
          return values.includes((args.object as Record<string, unknown>)[field] as string);
        },
      },
    });
}
