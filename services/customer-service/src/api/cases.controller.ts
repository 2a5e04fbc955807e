import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiOkResponse, ApiOperation, ApiParam, ApiResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { assertOwner, CurrentPrincipal, Principal, RateLimit, Roles } from '@askfirst/platform';
import { AskForHumanUseCase } from '../application/ask-for-human.usecase';
import { GetCaseViewUseCase } from '../application/get-case-view.usecase';
import { AskForHumanDto } from './case-requests.dto';
import { toAgentCaseView, toCaseResponse, toShopperCaseView } from './case-response.mapper';
import { AskForHumanResponse } from './case.response';
import { AgentCaseViewResponse, ShopperCaseViewResponse } from './case-view.response';

interface StatusSettable {
  status(code: number): unknown;
}

@ApiTags('cases')
@ApiBearerAuth()
@Controller('cases')
export class CasesController {
  constructor(
    private readonly askForHuman: AskForHumanUseCase,
    private readonly getCaseView: GetCaseViewUseCase,
  ) {}

  @Post()
  @Roles('shopper')
  @RateLimit({ key: 'ask-for-human', limit: 5, windowSeconds: 60 })
  @ApiOperation({ summary: 'Ask for a human about one of your orders', description: 'One call, no menu. Asking again while a case is open returns that case (200).' })
  @ApiResponse({ status: 201, type: AskForHumanResponse, description: 'A case opened; it carries the promised first-contact time and your queue position.' })
  @ApiResponse({ status: 200, type: AskForHumanResponse, description: 'You already had an open case for this order.' })
  async ask(@Body() body: AskForHumanDto, @CurrentPrincipal() shopper: Principal, @Res({ passthrough: true }) res: StatusSettable): Promise<AskForHumanResponse> {
    const { case: state, queuePosition, created } = await this.askForHuman.execute(shopper, body);
    res.status(created ? 201 : 200);
    return { ...toCaseResponse(state, queuePosition), created };
  }

  @Get(':id')
  @Roles('shopper', 'agent', 'supervisor')
  @ApiParam({ name: 'id', format: 'uuid', description: 'The case.' })
  @ApiOperation({ summary: 'A case with its order timeline', description: 'Shoppers see their own cases, without internal notes; staff see everything.' })
  @ApiExtraModels(ShopperCaseViewResponse, AgentCaseViewResponse)
  @ApiOkResponse({ schema: { oneOf: [{ $ref: getSchemaPath(AgentCaseViewResponse) }, { $ref: getSchemaPath(ShopperCaseViewResponse) }] } })
  async view(@Param('id', new ParseUUIDPipe()) id: string, @CurrentPrincipal() caller: Principal): Promise<ShopperCaseViewResponse | AgentCaseViewResponse> {
    const view = await this.getCaseView.execute(id);
    assertOwner(caller, view.case.shopperId);
    return caller.role === 'shopper' ? toShopperCaseView(view) : toAgentCaseView(view);
  }
}
