import { IsEnum, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { CaseType } from '../vocabulary';
import { DecisionV1, nested } from './common';

abstract class CaseFactV1 {
  @IsUUID()
  caseId!: string;

  @IsString()
  @MaxLength(200)
  orderId!: string;

  @IsString()
  @MaxLength(100)
  shopperId!: string;

  @IsEnum(CaseType)
  caseType!: CaseType;
}

export class CaseOpenedV1 extends CaseFactV1 {
  @IsISO8601()
  slaDueAt!: string;

  @IsInt()
  @Min(0)
  @Max(10)
  priority!: number;
}

export class AgentJoinedV1 extends CaseFactV1 {
  @IsString()
  @MaxLength(100)
  agentId!: string;

  @IsISO8601()
  joinedAt!: string;
}

export class ContactAttemptedV1 extends CaseFactV1 {
  @IsString()
  @MaxLength(100)
  agentId!: string;

  @IsString()
  @MaxLength(40)
  outcome!: string;
}

/** What the shopper told an agent; the order service applies it like the shopper's own decision. */
export class CaseDecisionRecordedV1 extends CaseFactV1 {
  @IsString()
  @MaxLength(100)
  agentId!: string;

  @nested(DecisionV1)
  decision!: DecisionV1;

  @IsOptional()
  @IsString()
  @MaxLength(1000)
  note?: string;
}

export class SlaBreachedV1 extends CaseFactV1 {
  @IsISO8601()
  dueAt!: string;

  @IsISO8601()
  breachedAt!: string;

  @IsString()
  @MaxLength(40)
  escalatedTo!: string;
}

export class CaseResolvedV1 extends CaseFactV1 {
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  summary?: string;
}

