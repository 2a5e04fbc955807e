import { registerDecorator, ValidationArguments, ValidationOptions } from 'class-validator';

/** The field belongs to some adjustment reasons only: sending it with another reason is an error. */
export function AllowedForReasons(reasons: readonly string[], options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'allowedForReasons',
      target: target.constructor,
      propertyName,
      options: { message: `${propertyName} is only used with reason ${reasons.join(' or ')}`, ...options },
      validator: {
        validate: (_value: unknown, args: ValidationArguments) => reasons.includes((args.object as { reason?: string }).reason ?? ''),
      },
    });
}
