import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@askfirst/platform';
import { GetStockLevelsUseCase } from '../application/get-stock-levels.usecase';
import { RecordAdjustmentUseCase } from '../application/record-adjustment.usecase';
import { RestockUseCase } from '../application/restock.usecase';
import { SuggestSubstitutesUseCase } from '../application/suggest-substitutes.usecase';
import { UpsertStockItemUseCase } from '../application/upsert-stock-item.usecase';
import { RecordAdjustmentDto } from './dto/record-adjustment.dto';
import { RestockDto } from './dto/restock.dto';
import { SkuParams, StoreParams } from './dto/route-params.dto';
import { AdjustmentResponse, RestockResponse } from './dto/stock-change.response';
import { StockLevelResponse, StockListResponse } from './dto/stock-level.response';
import { StockQueryDto, SubstitutesQueryDto } from './dto/stock-query.dto';
import { SubstitutesResponse } from './dto/substitutes.response';
import { UpsertStockItemDto } from './dto/upsert-stock-item.dto';

interface StatusSettable {
  status(code: number): unknown;
}

/** Stock per store. Reading is open to every role (stock is not a shopper's data); changes are staff and services only. */
@ApiTags('stock')
@ApiBearerAuth()
@Controller('stores/:storeId')
export class StockController {
  constructor(
    private readonly upsertItem: UpsertStockItemUseCase,
    private readonly stockLevels: GetStockLevelsUseCase,
    private readonly restockItem: RestockUseCase,
    private readonly recordAdjustment: RecordAdjustmentUseCase,
    private readonly suggestSubstitutes: SuggestSubstitutesUseCase,
  ) {}

  @Put('skus/:sku')
  @Roles('agent', 'supervisor', 'service')
  @ApiOperation({ summary: 'Create or update a catalogue entry (201 when created, 200 when updated)' })
  @ApiOkResponse({ type: StockLevelResponse })
  @ApiCreatedResponse({ type: StockLevelResponse })
  async upsert(
    @Param() params: SkuParams,
    @Body() body: UpsertStockItemDto,
    @CurrentPrincipal() caller: Principal,
    @Res({ passthrough: true }) response: StatusSettable,
  ): Promise<StockLevelResponse> {
    const { created, level } = await this.upsertItem.execute({
      ...params,
      ...body,
      restockEta: body.restockEta ? new Date(body.restockEta) : null,
      actor: `${caller.role}:${caller.sub}`,
    });
    response.status(created ? 201 : 200);
    return StockLevelResponse.from(level);
  }

  @Get('skus/:sku')
  @Roles('shopper', 'agent', 'supervisor', 'service')
  @ApiOperation({ summary: 'Stock of one SKU: on-hand, reserved, available' })
  @ApiOkResponse({ type: StockLevelResponse })
  async get(@Param() params: SkuParams): Promise<StockLevelResponse> {
    return StockLevelResponse.from(await this.stockLevels.one(params.storeId, params.sku));
  }

  @Get('stock')
  @Roles('shopper', 'agent', 'supervisor', 'service')
  @ApiOperation({ summary: 'Stock of several SKUs (?skus=A,B)' })
  @ApiOkResponse({ type: StockListResponse })
  async list(@Param() params: StoreParams, @Query() query: StockQueryDto): Promise<StockListResponse> {
    return StockListResponse.from(params.storeId, await this.stockLevels.many(params.storeId, query.skus));
  }

  @Post('skus/:sku/restock')
  @HttpCode(200)
  @Roles('agent', 'supervisor', 'service')
  @ApiOperation({ summary: 'A delivery arrived: raise on-hand, fill back-orders in order of arrival' })
  @ApiOkResponse({ type: RestockResponse })
  async restock(@Param() params: SkuParams, @Body() body: RestockDto, @CurrentPrincipal() caller: Principal): Promise<RestockResponse> {
    return RestockResponse.from(await this.restockItem.execute({ ...params, quantity: body.quantity, actor: `${caller.role}:${caller.sub}` }));
  }

  @Post('skus/:sku/adjustments')
  @Roles('agent', 'supervisor', 'service')
  @ApiOperation({ summary: 'Picker or count: MISSING / DAMAGED units, or RECOUNT; may take units from reservations (PICKING shortage)' })
  @ApiCreatedResponse({ type: AdjustmentResponse })
  async adjust(@Param() params: SkuParams, @Body() body: RecordAdjustmentDto, @CurrentPrincipal() caller: Principal): Promise<AdjustmentResponse> {
    return AdjustmentResponse.from(await this.recordAdjustment.execute({ ...params, ...body, actor: `${caller.role}:${caller.sub}` }));
  }

  @Get('skus/:sku/substitutes')
  @Roles('shopper', 'agent', 'supervisor', 'service')
  @ApiOperation({ summary: 'Substitutes for a SKU: same category, in stock, closest price first' })
  @ApiOkResponse({ type: SubstitutesResponse })
  async substitutes(@Param() params: SkuParams, @Query() query: SubstitutesQueryDto): Promise<SubstitutesResponse> {
    const found = await this.suggestSubstitutes.execute(params.storeId, params.sku, query.quantity ?? 1, query.limit ?? 3);
    return SubstitutesResponse.from(params.storeId, params.sku, found);
  }
}
