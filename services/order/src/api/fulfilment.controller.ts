import { Controller, HttpCode, Param, ParseUUIDPipe, Post, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Roles } from '@askfirst/platform';
import { AdvanceFulfilmentUseCase, FulfilmentStep } from '../application/advance-fulfilment.usecase';
import { OrderErrorsInterceptor } from './order-errors.interceptor';
import { toOrderResponse } from './responses/order-response.mapper';
import { OrderResponse } from './responses/order.response';

/** Progress reported by the picker and courier apps (service or agent tokens). */
@ApiTags('fulfilment')
@ApiBearerAuth()
@Controller('orders/:id')
@ApiParam({ name: 'id', format: 'uuid' })
@Roles('service', 'agent')
@UseInterceptors(OrderErrorsInterceptor)
@ApiOkResponse({ type: OrderResponse })
@ApiConflictResponse({ description: 'The step is out of order for the current state, or a line is still short or back-ordered (named in the detail and in current.backorderedLineIds).' })
@ApiNotFoundResponse()
export class FulfilmentController {
  constructor(private readonly advance: AdvanceFulfilmentUseCase) {}

  @Post('picking-started')
  @HttpCode(200)
  @ApiOperation({ summary: 'CONFIRMED → PICKING' })
  pickingStarted(@Param('id', new ParseUUIDPipe()) id: string): Promise<OrderResponse> {
    return this.step(id, 'picking-started');
  }

  @Post('ready')
  @HttpCode(200)
  @ApiOperation({ summary: 'PICKING → READY (refused while a line is still short)' })
  ready(@Param('id', new ParseUUIDPipe()) id: string): Promise<OrderResponse> {
    return this.step(id, 'ready');
  }

  @Post('dispatched')
  @HttpCode(200)
  @ApiOperation({ summary: 'READY → DISPATCHED (refused while a line is still short, or back-ordered: the shopper chose to wait for it)' })
  dispatched(@Param('id', new ParseUUIDPipe()) id: string): Promise<OrderResponse> {
    return this.step(id, 'dispatched');
  }

  @Post('delivered')
  @HttpCode(200)
  @ApiOperation({ summary: 'DISPATCHED → DELIVERED' })
  delivered(@Param('id', new ParseUUIDPipe()) id: string): Promise<OrderResponse> {
    return this.step(id, 'delivered');
  }

  private async step(id: string, step: FulfilmentStep): Promise<OrderResponse> {
    return toOrderResponse(await this.advance.execute(id, step));
  }
}
