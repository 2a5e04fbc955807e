import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@askfirst/platform';
import { SlaReportUseCase } from '../application/sla-report.usecase';
import { SlaReportQueryDto } from './case-requests.dto';
import { SlaReportResponse } from './sla-report.response';

@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports')
export class ReportsController {
  constructor(private readonly slaReport: SlaReportUseCase) {}

  @Get('sla')
  @Roles('agent', 'supervisor')
  @ApiOperation({
    summary: 'Time to human (p50/p95) and breach ratio',
    description:
      'Over cases opened in the window; also exported on /metrics. Time to human includes breached cases nobody has contacted yet, ' +
      'at the time they have waited so far (a lower bound), so shoppers still waiting make it worse, never better; ' +
      '`waitingPastDeadline` counts those shoppers. Figures without data are null.',
  })
  @ApiOkResponse({ type: SlaReportResponse })
  async sla(@Query() query: SlaReportQueryDto): Promise<SlaReportResponse> {
    const { since, figures } = await this.slaReport.execute(query.windowHours ?? 24);
    const total = figures.find((f) => f.caseType === null)!;
    return { since: since.toISOString(), total, byType: figures.filter((f) => f.caseType !== null) };
  }
}
