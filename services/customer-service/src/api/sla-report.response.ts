import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CaseType } from '@askfirst/contracts';

const TIME_TO_HUMAN =
  'Seconds from opening to first contact, over contacted and breached cases. A breached case nobody contacted counts as the time it has waited so far (until now, or until it was resolved), a lower bound: the figure never looks better because a shopper is still waiting. null when no clock has stopped yet.';

export class SlaFiguresResponse {
  @ApiPropertyOptional({ enum: CaseType, nullable: true, description: 'null: all case types together.' }) caseType!: CaseType | null;
  @ApiProperty() opened!: number;
  @ApiProperty({ description: 'Clock still running: no contact, no breach, not resolved.' }) running!: number;
  @ApiProperty() contacted!: number;
  @ApiProperty() breached!: number;
  @ApiProperty({ description: 'Breached, not resolved, and nobody has contacted the shopper yet: shoppers waiting past the promise right now.' })
  waitingPastDeadline!: number;
  @ApiPropertyOptional({ nullable: true, type: Number, description: 'breached / (contacted or breached); null when no clock has stopped yet.' }) breachRatio!: number | null;
  @ApiPropertyOptional({ nullable: true, type: Number, description: TIME_TO_HUMAN }) timeToHumanP50Seconds!: number | null;
  @ApiPropertyOptional({ nullable: true, type: Number, description: TIME_TO_HUMAN }) timeToHumanP95Seconds!: number | null;
}

export class SlaReportResponse {
  @ApiProperty({ format: 'date-time', description: 'Cases opened since then are counted.' }) since!: string;
  @ApiProperty({ type: SlaFiguresResponse, description: 'All case types together.' }) total!: SlaFiguresResponse;
  @ApiProperty({ type: [SlaFiguresResponse] }) byType!: SlaFiguresResponse[];
}
