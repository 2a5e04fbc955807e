import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { catchError, Observable, throwError } from 'rxjs';
import { ConcurrentOrderUpdateError, IdempotencyKeyReusedError, OrderNotFoundError } from '../application/order-errors';
import { OrderRuleCode, OrderRuleError } from '../domain/order-errors';
import {
  IdempotencyKeyReusedException, InvalidOrderRequestException, OrderErrorCode, OrderNotFoundException, OrderStateConflictException,
} from './order.exceptions';

/** The one place where the order's domain and application errors become problem+json exceptions. */
@Injectable()
export class OrderErrorsInterceptor implements NestInterceptor {
  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(catchError((error: unknown) => throwError(() => toProblem(error))));
  }
}

function toProblem(error: unknown): unknown {
  if (error instanceof OrderNotFoundError) return new OrderNotFoundException(error.orderId);
  if (error instanceof IdempotencyKeyReusedError) return new IdempotencyKeyReusedException(error.orderId);
  if (error instanceof ConcurrentOrderUpdateError) {
    return new OrderStateConflictException(OrderErrorCode.CONCURRENT_UPDATE, 'The order changed while this request ran; read it again and retry.');
  }
  if (error instanceof OrderRuleError) {
    if (error.code === OrderRuleCode.TRANSITION_NOT_ALLOWED) return new OrderStateConflictException(OrderErrorCode.TRANSITION_NOT_ALLOWED, error.message, error.current);
    if (error.code === OrderRuleCode.DECISION_CONFLICT) return new OrderStateConflictException(OrderErrorCode.DECISION_CONFLICT, error.message, error.current);
    return new InvalidOrderRequestException(error.message);
  }
  return error;
}
