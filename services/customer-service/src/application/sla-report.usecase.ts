import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SlaReportRepository } from '../infrastructure/sla-report.repository';
import { SlaFigures } from './sla-report.model';

/** Time to human (p50/p95) and breach ratio over cases opened in the last `windowHours`. */
@Injectable()
export class SlaReportUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly report: SlaReportRepository,
  ) {}

  async execute(windowHours: number): Promise<{ since: Date; figures: SlaFigures[] }> {
    const since = new Date(Date.now() - windowHours * 3600 * 1000);
    return { since, figures: await this.report.figures(this.dataSource.manager, since) };
  }
}
