import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post, UseInterceptors } from '@nestjs/common';
import {
  ApiBearerAuth, ApiConflictResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags, ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@askfirst/platform';
import { CancelOrderUseCase } from '../application/cancel-order.usecase';
import { RecordShopperDecisionUseCase } from '../application/record-shopper-decision.usecase';
import { actingShopper, authorizeFor } from './acting-shopper';
import { CancelOrderDto, DecisionDto } from './dto/decision.dto';
import { OrderErrorsInterceptor } from './order-errors.interceptor';
import { toOrderResponse } from './responses/order-response.mapper';
import { OrderResponse } from './responses/order.response';
import { ShopperRateLimit } from './shopper-rate-limit';

@ApiTags('decisions')
@ApiBearerAuth()
@Controller('orders/:id')
@ApiParam({ name: 'id', format: 'uuid' })
@UseInterceptors(OrderErrorsInterceptor)
export class OrderDecisionsController {
  constructor(private readonly decide: RecordShopperDecisionUseCase, private readonly cancelOrder: CancelOrderUseCase, private readonly limits: ShopperRateLimit) {}

  @Post('decision')
  @HttpCode(200)
  @Roles('shopper', 'service')
  @ApiOperation({
    summary: 'The shopper\'s decision on lines waiting for one, or a change of mind about back-ordered lines named in lineIds '
      + '(refund them or cancel the order) until dispatch (source SHOPPER). Service tokens (decision links) name the shopper.',
  })
  @ApiOkResponse({ type: OrderResponse })
  @ApiConflictResponse({ description: 'Too late or conflicting: the body carries the current state (waitingLineIds, backorderedLineIds).' })
  @ApiForbiddenResponse()
  @ApiNotFoundResponse()
  @ApiTooManyRequestsResponse({ description: 'Per-shopper limit on decisions and cancellations.' })
  async recordDecision(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: DecisionDto, @CurrentPrincipal() principal: Principal): Promise<OrderResponse> {
    const shopperId = actingShopper(principal, body.shopperId);
    this.limits.check('decision', shopperId);
    return toOrderResponse(await this.decide.execute({
      orderId: id, resolution: body.resolution, lineIds: body.lineIds, substituteSku: body.substituteSku, shopperId, authorize: authorizeFor(principal, shopperId),
    }));
  }

  @Post('cancel')
  @HttpCode(200)
  @Roles('shopper', 'service')
  @ApiOperation({ summary: 'Cancel before dispatch (the shopper\'s own decision, source SHOPPER); refunded after notice.' })
  @ApiOkResponse({ type: OrderResponse })
  @ApiConflictResponse({ description: 'Already dispatched, delivered or cancelled.' })
  @ApiForbiddenResponse()
  @ApiNotFoundResponse()
  @ApiTooManyRequestsResponse()
  async cancel(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: CancelOrderDto, @CurrentPrincipal() principal: Principal): Promise<OrderResponse> {
    const shopperId = actingShopper(principal, body?.shopperId);
    this.limits.check('decision', shopperId);
    return toOrderResponse(await this.cancelOrder.execute(id, shopperId, authorizeFor(principal, shopperId)));
  }
}
