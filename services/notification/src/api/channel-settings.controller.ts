import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { assertOwner, CurrentPrincipal, Principal, Roles } from '@askfirst/platform';
import { GetChannelSettingsUseCase } from '../application/get-channel-settings.usecase';
import { UpdateChannelSettingsUseCase } from '../application/update-channel-settings.usecase';
import { ChannelSettingsRequest } from './dto/channel-settings.request';
import { ChannelSettingsResponse } from './dto/channel-settings.response';
import { ShopperParams } from './dto/shopper.params';

@ApiTags('channels')
@ApiBearerAuth()
@Controller('shoppers/:shopperId/channels')
export class ChannelSettingsController {
  constructor(
    private readonly getSettings: GetChannelSettingsUseCase,
    private readonly updateSettings: UpdateChannelSettingsUseCase,
  ) {}

  @Get()
  @Roles('shopper', 'agent', 'supervisor', 'service')
  @ApiOperation({ summary: "Where and in which order we try to reach the shopper (defaults: inbox only)." })
  @ApiOkResponse({ type: ChannelSettingsResponse })
  async get(@Param() params: ShopperParams, @CurrentPrincipal() caller: Principal): Promise<ChannelSettingsResponse> {
    assertOwner(caller, params.shopperId);
    return ChannelSettingsResponse.from(await this.getSettings.execute(params.shopperId));
  }

  @Put()
  @Roles('shopper', 'service')
  @ApiOperation({ summary: 'Replace the shopper\'s channels and fallback order; channels left out are switched off.' })
  @ApiOkResponse({ type: ChannelSettingsResponse })
  async put(@Param() params: ShopperParams, @Body() body: ChannelSettingsRequest, @CurrentPrincipal() caller: Principal): Promise<ChannelSettingsResponse> {
    assertOwner(caller, params.shopperId);
    return ChannelSettingsResponse.from(await this.updateSettings.execute({ shopperId: params.shopperId, ...body }));
  }
}
