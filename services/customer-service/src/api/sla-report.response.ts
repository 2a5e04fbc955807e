import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CaseType } from '@askfirst/contracts';

export class SlaFiguresResponse {
  @ApiPropertyOptional({ enum: CaseType, nullable: true, description: 'null: all case types together.' }) caseType!: CaseType | null;
  @ApiProperty() opened!: number;
  @ApiProperty({ description: 'Clock still running: no contact, no breach, not resolved.' }) running!: number;
  @ApiProperty() contacted!: number;
  @ApiProperty() breached!: number;
  @ApiPropertyOptional({ nullable: true, type: Number, description: 'breached / (contacted or breached).' }) breachRatio!: number | null;
  @ApiPropertyOptional({ nullable: true, type: Number }) timeToHumanP50Seconds!: number | null;
  @ApiPropertyOptional({ nullable: true, type: Number }) timeToHumanP95Seconds!: number | null;
}

export class SlaReportResponse {
  @ApiProperty({ format: 'date-time', description: 'Cases opened since then are counted.' }) since!: string;
  @ApiProperty({ type: SlaFiguresResponse, description: 'All case types together.' }) total!: SlaFiguresResponse;
  @ApiProperty({ type: [SlaFiguresResponse] }) byType!: SlaFiguresResponse[];
}
