import { Body, Controller, Get, Headers, Param, ParseUUIDPipe, Post, Query, Res, UseGuards, UseInterceptors } from '@nestjs/common';
import {
  ApiBadRequestResponse, ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiForbiddenResponse, ApiHeader, ApiNotFoundResponse, ApiOkResponse,
  ApiOperation, ApiParam, ApiServiceUnavailableResponse, ApiTags,
} from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@askfirst/platform';
import { GetOrderUseCase } from '../application/get-order.usecase';
import { ListOrdersUseCase } from '../application/list-orders.usecase';
import { PlaceOrderUseCase } from '../application/place-order.usecase';
import { actingShopper, authorizeFor } from './acting-shopper';
import { ListOrdersQuery } from './dto/list-orders.query';
import { PlaceOrderDto } from './dto/place-order.dto';
import { decodeCursor, encodeCursor } from './order-cursor';
import { OrderAdmissionGuard } from './order-admission.guard';
import { InvalidOrderRequestException } from './order.exceptions';
import { OrderErrorsInterceptor } from './order-errors.interceptor';
import { requestFingerprint } from './request-fingerprint';
import { toOrderResponse, toOrderSummary } from './responses/order-response.mapper';
import { OrderPageResponse, OrderResponse } from './responses/order.response';

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;

@ApiTags('orders')
@ApiBearerAuth()
@Controller('orders')
@UseInterceptors(OrderErrorsInterceptor)
export class OrdersController {
  constructor(private readonly place: PlaceOrderUseCase, private readonly get: GetOrderUseCase, private readonly list: ListOrdersUseCase) {}

  @Post()
  @Roles('shopper', 'service')
  @ApiOperation({ summary: 'Place an order with the shopper\'s shortage choice (onShortage is required).' })
  @ApiHeader({
    name: 'Idempotency-Key', required: false, description: 'Same key and body: the same order (200). Same key, other body: 409.',
    schema: { type: 'string', maxLength: 200, pattern: IDEMPOTENCY_KEY.source },
  })
  @ApiCreatedResponse({ type: OrderResponse, description: 'Placed; order.placed is published.' })
  @ApiOkResponse({ type: OrderResponse, description: 'Replay of an Idempotency-Key: the order it placed.' })
  @ApiBadRequestResponse({ description: 'Validation failed, e.g. no onShortage.' })
  @ApiForbiddenResponse({ description: 'A shopper placing for another shopper.' })
  @ApiConflictResponse({ description: 'Idempotency-Key reused with a different body.' })
  @ApiServiceUnavailableResponse({
    description: 'Load shed: too many orders are still being reserved (ORDER_ADMISSION_LIMIT). Nothing was placed; retry after Retry-After seconds, with the same Idempotency-Key.',
    headers: { 'Retry-After': { description: 'Seconds to wait before retrying.', schema: { type: 'integer' } } },
  })
  @UseGuards(OrderAdmissionGuard)
  async placeOrder(
    @Body() body: PlaceOrderDto,
    @CurrentPrincipal() principal: Principal,
    @Headers('idempotency-key') key: string | undefined,
    @Res({ passthrough: true }) res: { status(code: number): unknown; setHeader(name: string, value: string): unknown },
  ): Promise<OrderResponse> {
    if (key !== undefined && !IDEMPOTENCY_KEY.test(key)) throw new InvalidOrderRequestException('Idempotency-Key must be 1-200 visible ASCII characters.');
    const shopperId = actingShopper(principal, body.shopperId);
    const { created, view } = await this.place.execute({
      shopperId, storeId: body.storeId, currency: body.currency ?? 'EUR',
      policy: policyOf(body.onShortage),
      lines: body.lines.map((l) => ({ sku: l.sku, name: l.name, quantity: l.quantity, unitPriceCents: l.unitPriceCents, ...(l.onShortage ? { policy: policyOf(l.onShortage) } : {}) })),
      ...(key !== undefined ? { idempotency: { key, fingerprint: requestFingerprint({ ...body, shopperId }) } } : {}),
    });
    res.status(created ? 201 : 200);
    res.setHeader('Location', `/orders/${view.order.id}`);
    return toOrderResponse(view);
  }

  @Get(':id')
  @Roles('shopper', 'agent', 'supervisor', 'service')
  @ApiOperation({ summary: 'The order: state, lines, decisions with their source, refunds, deadline and owner while waiting, and its timeline.' })
  @ApiOkResponse({ type: OrderResponse })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiNotFoundResponse()
  @ApiForbiddenResponse({ description: 'Another shopper\'s order.' })
  async getOrder(@Param('id', new ParseUUIDPipe()) id: string, @CurrentPrincipal() principal: Principal): Promise<OrderResponse> {
    return toOrderResponse(await this.get.execute(id, authorizeFor(principal)));
  }

  @Get()
  @Roles('shopper', 'agent', 'supervisor', 'service')
  @ApiOperation({ summary: 'A shopper\'s orders, newest first (a shopper sees only their own).' })
  @ApiOkResponse({ type: OrderPageResponse })
  async listOrders(@Query() query: ListOrdersQuery, @CurrentPrincipal() principal: Principal): Promise<OrderPageResponse> {
    const shopperId = actingShopper(principal, query.shopperId);
    const page = await this.list.execute(shopperId, query.limit ?? 20, query.cursor ? decodeCursor(query.cursor) : undefined);
    return { items: page.orders.map(toOrderSummary), ...(page.next ? { nextCursor: encodeCursor(page.next) } : {}) };
  }
}

function policyOf(dto: PlaceOrderDto['onShortage']) {
  return { choice: dto.choice, substituteSku: dto.substituteSku, ifNoAnswerWithinMinutes: dto.ifNoAnswerWithin, thenFallback: dto.thenFallback };
}
