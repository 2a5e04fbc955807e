import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@askfirst/platform';
import { GetOrderReservationUseCase } from '../application/get-order-reservation.usecase';
import { ReservationResponse } from './dto/reservation.response';
import { OrderParams } from './dto/route-params.dto';

/** Staff and services only: a shopper sees their order through the order service. */
@ApiTags('reservations')
@ApiBearerAuth()
@Controller('orders/:orderId/reservations')
export class ReservationController {
  constructor(private readonly getReservation: GetOrderReservationUseCase) {}

  @Get()
  @Roles('agent', 'supervisor', 'service')
  @ApiOperation({ summary: "What inventory holds for an order, with its back-orders (debugging and audit)" })
  @ApiOkResponse({ type: ReservationResponse })
  async get(@Param() params: OrderParams): Promise<ReservationResponse> {
    const { reservation, backorders } = await this.getReservation.execute(params.orderId);
    return ReservationResponse.from(reservation, backorders);
  }
}
