import { BadRequestException } from '@nestjs/common';
import type { FieldError } from '../problem/problem-details.model';

// Raised by the validation pipe; the problem filter renders `errors` as the field-level list.
export class RequestValidationException extends BadRequestException {
  constructor(readonly errors: FieldError[]) {
    super('Request validation failed');
  }
}
