import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, ProblemException, Roles } from '@askfirst/platform';
import { ListQueueUseCase } from '../application/list-queue.usecase';
import { actorOf } from './case-actor';
import { CaseQueue } from '../domain/case-status';
import { QueueQueryDto } from './case-requests.dto';
import { toAgentCaseResponse } from './case-response.mapper';
import { AgentCaseResponse } from './case.response';

@ApiTags('agent')
@ApiBearerAuth()
@Controller('queue')
export class QueueController {
  constructor(private readonly listQueue: ListQueueUseCase) {}

  @Get()
  @Roles('agent', 'supervisor')
  @ApiOperation({
    summary: 'Unresolved cases, soonest SLA deadline first',
    description:
      'scope=supervisor lists escalations and breached cases (supervisors only). Either scope also lists the cases the caller holds. ' +
      'Each OPEN case of the queue carries its queuePosition (1 = next); claimed cases have null.',
  })
  @ApiOkResponse({ type: [AgentCaseResponse] })
  async queue(@Query() query: QueueQueryDto, @CurrentPrincipal() caller: Principal): Promise<AgentCaseResponse[]> {
    const supervisorScope = query.scope === 'supervisor';
    if (supervisorScope && caller.role !== 'supervisor') {
      throw new ProblemException({ status: 403, detail: 'The supervisor queue is for supervisors.' });
    }
    const cases = await this.listQueue.execute(supervisorScope ? CaseQueue.SUPERVISOR : CaseQueue.AGENT, actorOf(caller).id);
    return cases.map((c) => toAgentCaseResponse(c.case, c.queuePosition));
  }
}
