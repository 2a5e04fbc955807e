import { ValidationPipe } from '@nestjs/common';
import { RequestValidationException } from './request-validation.exception';
import { toFieldErrors } from './validation-errors.mapper';

// Unknown fields are an error, not silently dropped: a misspelt "onShortage" must not fall
// back to a default the shopper never chose.
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new RequestValidationException(toFieldErrors(errors)),
  });
}
