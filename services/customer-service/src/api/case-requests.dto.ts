import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MAX_LINES, ShortageResolution, SKU_PATTERN } from '@askfirst/contracts';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsEnum, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { ContactOutcome } from '../domain/case-status';

const MAX_TEXT = 1000;

export class AskForHumanDto {
  @ApiProperty({ format: 'uuid', description: 'One of your orders.' })
  @IsUUID()
  orderId!: string;

  @ApiPropertyOptional({ maxLength: MAX_TEXT, description: 'What you need help with (optional).' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(MAX_TEXT)
  message?: string;
}

export class ContactAttemptDto {
  @ApiProperty({ enum: ContactOutcome })
  @IsEnum(ContactOutcome)
  outcome!: ContactOutcome;

  @ApiPropertyOptional({ maxLength: MAX_TEXT, description: 'Internal note; never shown to the shopper.' })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_TEXT)
  note?: string;
}

export class RecordDecisionDto {
  @ApiProperty({ enum: ShortageResolution, description: 'What the shopper chose; must be one of the options the order offered.' })
  @IsEnum(ShortageResolution)
  resolution!: ShortageResolution;

  @ApiPropertyOptional({ type: [String], format: 'uuid', minItems: 1, maxItems: MAX_LINES, description: 'Short lines the decision is about; default: every line awaiting a decision.' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_LINES)
  @IsUUID('all', { each: true })
  lineIds?: string[];

  @ApiPropertyOptional({ pattern: SKU_PATTERN.source, minLength: 2, maxLength: 40, description: 'For SUBSTITUTE: a named SKU; absent means best match.' })
  @IsOptional()
  @Matches(SKU_PATTERN)
  substituteSku?: string;

  @ApiPropertyOptional({ maxLength: MAX_TEXT, description: 'Internal note; never shown to the shopper nor sent to other services.' })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_TEXT)
  note?: string;
}

export class ResolveCaseDto {
  @ApiPropertyOptional({ maxLength: MAX_TEXT, description: 'Shared with the shopper (travels on customer-service.case-resolved).' })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_TEXT)
  summary?: string;
}

export const QUEUE_SCOPES = ['agent', 'supervisor'] as const;
export type QueueScope = (typeof QUEUE_SCOPES)[number];

export class QueueQueryDto {
  @ApiPropertyOptional({ enum: QUEUE_SCOPES, default: 'agent', description: 'supervisor: escalated and breached cases (supervisors only).' })
  @IsOptional()
  @IsIn(QUEUE_SCOPES)
  scope?: QueueScope;
}

export class SlaReportQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 720, default: 24, description: 'Cases opened in the last N hours.' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(720)
  windowHours?: number;
}
