import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { assertOwner, CurrentPrincipal, Principal, Roles } from '@askfirst/platform';
import { GetNoticeUseCase } from '../application/get-notice.usecase';
import { ListOrderNoticesUseCase } from '../application/list-order-notices.usecase';
import { ListShopperNoticesUseCase } from '../application/list-shopper-notices.usecase';
import { NoticeListQuery } from './dto/notice-list.query';
import { NoticeDetailResponse, NoticeListResponse } from './dto/notice.response';
import { OrderParams, ShopperParams } from './dto/shopper.params';
import { toNoticeDetail, toNoticeSummary } from './notice.mapper';

const DEFAULT_PAGE = 20;

@ApiTags('notices')
@ApiBearerAuth()
@Controller()
export class NoticesController {
  constructor(
    private readonly listShopperNotices: ListShopperNoticesUseCase,
    private readonly listOrderNotices: ListOrderNoticesUseCase,
    private readonly getNotice: GetNoticeUseCase,
  ) {}

  @Get('shoppers/:shopperId/notices')
  @Roles('shopper', 'agent', 'supervisor', 'service')
  @ApiOperation({ summary: "A shopper's in-app inbox, newest first (a shopper sees only their own)." })
  @ApiOkResponse({ type: NoticeListResponse })
  async inbox(@Param() params: ShopperParams, @Query() query: NoticeListQuery, @CurrentPrincipal() caller: Principal): Promise<NoticeListResponse> {
    assertOwner(caller, params.shopperId);
    const notices = await this.listShopperNotices.execute(params.shopperId, query.limit ?? DEFAULT_PAGE, query.before ? new Date(query.before) : undefined);
    return { items: notices.map((n) => toNoticeSummary(n, caller)) };
  }

  @Get('orders/:orderId/notices')
  @Roles('shopper', 'agent', 'supervisor', 'service')
  @ApiOperation({ summary: 'Every notice about one order, oldest first: what the shopper was told and whether it reached them.' })
  @ApiOkResponse({ type: NoticeListResponse })
  async forOrder(@Param() params: OrderParams, @Query() query: NoticeListQuery, @CurrentPrincipal() caller: Principal): Promise<NoticeListResponse> {
    const notices = await this.listOrderNotices.execute(params.orderId, query.limit ?? 100);
    for (const notice of notices) assertOwner(caller, notice.cause.shopperId);
    return { items: notices.map((n) => toNoticeSummary(n, caller)) };
  }

  @Get('notices/:id')
  @Roles('shopper', 'agent', 'supervisor', 'service')
  @ApiOperation({ summary: 'One notice with its status and every delivery attempt.' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: NoticeDetailResponse })
  async detail(@Param('id', new ParseUUIDPipe({ version: '4' })) id: string, @CurrentPrincipal() caller: Principal): Promise<NoticeDetailResponse> {
    const { notice, attempts } = await this.getNotice.execute(id);
    assertOwner(caller, notice.cause.shopperId);
    return toNoticeDetail(notice, attempts, caller);
  }
}
