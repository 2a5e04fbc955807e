import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiCreatedResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@askfirst/platform';
import { ClaimCaseUseCase } from '../application/claim-case.usecase';
import { RecordAgentDecisionUseCase } from '../application/record-agent-decision.usecase';
import { RecordContactAttemptUseCase } from '../application/record-contact-attempt.usecase';
import { ResolveCaseUseCase } from '../application/resolve-case.usecase';
import { actorOf } from './case-actor';
import { ContactAttemptDto, RecordDecisionDto, ResolveCaseDto } from './case-requests.dto';
import { toAgentCaseResponse, toContactAttemptResponse } from './case-response.mapper';
import { AgentCaseResponse, ContactAttemptResultResponse, DecisionResultResponse } from './case.response';

/** What agents and supervisors do with a case. Refusals are problem+json (409 with `current`). */
@ApiTags('agent')
@ApiBearerAuth()
@ApiParam({ name: 'id', format: 'uuid', description: 'The case.' })
@Controller('cases/:id')
export class CaseActionsController {
  constructor(
    private readonly claimCase: ClaimCaseUseCase,
    private readonly recordContactAttempt: RecordContactAttemptUseCase,
    private readonly recordDecision: RecordAgentDecisionUseCase,
    private readonly resolveCase: ResolveCaseUseCase,
  ) {}

  @Post('claim')
  @Roles('agent', 'supervisor')
  @HttpCode(200)
  @ApiOperation({ summary: 'Take the case (emits customer-service.agent-joined)', description: 'Of concurrent claims exactly one wins; the others get 409.' })
  @ApiOkResponse({ type: AgentCaseResponse })
  async claim(@Param('id', new ParseUUIDPipe()) id: string, @CurrentPrincipal() caller: Principal): Promise<AgentCaseResponse> {
    return toAgentCaseResponse(await this.claimCase.execute(id, actorOf(caller)));
  }

  @Post('contact-attempts')
  @Roles('agent', 'supervisor')
  @ApiOperation({ summary: 'Log an attempt to reach the shopper', description: 'The first attempt stops the SLA clock.' })
  @ApiCreatedResponse({ type: ContactAttemptResultResponse })
  async contact(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: ContactAttemptDto, @CurrentPrincipal() caller: Principal): Promise<ContactAttemptResultResponse> {
    const result = await this.recordContactAttempt.execute(id, actorOf(caller), body);
    return { case: toAgentCaseResponse(result.case), attempt: toContactAttemptResponse(result.attempt) };
  }

  @Post('decision')
  @Roles('agent', 'supervisor')
  @ApiOperation({ summary: "Record the shopper's decision", description: 'Emits customer-service.decision-recorded (source AGENT_FOR_SHOPPER), which the order service applies.' })
  @ApiCreatedResponse({ type: DecisionResultResponse })
  async decide(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: RecordDecisionDto, @CurrentPrincipal() caller: Principal): Promise<DecisionResultResponse> {
    const result = await this.recordDecision.execute(id, actorOf(caller), body);
    return { case: toAgentCaseResponse(result.case), decision: result.decision };
  }

  @Post('resolve')
  @Roles('agent', 'supervisor')
  @HttpCode(200)
  @ApiOperation({ summary: 'Close the case (emits customer-service.case-resolved)' })
  @ApiOkResponse({ type: AgentCaseResponse })
  async resolve(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: ResolveCaseDto, @CurrentPrincipal() caller: Principal): Promise<AgentCaseResponse> {
    return toAgentCaseResponse(await this.resolveCase.execute(id, actorOf(caller), body.summary));
  }
}
