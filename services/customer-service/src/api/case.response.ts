import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CaseType, ShortageResolution } from '@askfirst/contracts';
import { CaseQueue, CaseStatus, ContactOutcome } from '../domain/case-status';

/** What a shopper may see of a case: the promise (first contact by), where they stand, who has it. */
export class CaseResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() orderId!: string;
  @ApiProperty({ enum: CaseType }) type!: CaseType;
  @ApiProperty({ enum: CaseStatus }) status!: CaseStatus;
  @ApiProperty({ enum: CaseQueue }) queue!: CaseQueue;
  @ApiProperty({ minimum: 0, maximum: 10, description: 'Higher is more urgent.' }) priority!: number;
  @ApiPropertyOptional({ nullable: true, type: String }) subject!: string | null;
  @ApiProperty({ format: 'date-time' }) openedAt!: string;
  @ApiProperty({ format: 'date-time', description: 'The SLA deadline: a human contacts the shopper by then.' }) promisedFirstContactBy!: string;
  @ApiProperty({ format: 'date-time', description: 'Same as promisedFirstContactBy; the console counts down to it.' }) slaDueAt!: string;
  @ApiPropertyOptional({ nullable: true, type: Number, description: '1 = next; null once an agent has the case.' }) queuePosition!: number | null;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' }) firstContactAt!: string | null;
  @ApiProperty({ description: 'The first contact came late; the case was escalated.' }) breached!: boolean;
  @ApiPropertyOptional({ nullable: true, type: String }) agentId!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' }) agentJoinedAt!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' }) resolvedAt!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) resolutionSummary!: string | null;
}

export class RecordedDecisionResponse {
  @ApiProperty({ format: 'uuid' }) decisionId!: string;
  @ApiProperty({ enum: ShortageResolution }) resolution!: ShortageResolution;
  @ApiProperty({ type: [String] }) lineIds!: string[];
  @ApiPropertyOptional() substituteSku?: string;
  @ApiProperty({ format: 'date-time' }) recordedAt!: string;
  @ApiProperty() agentId!: string;
}

/** The staff view of a case adds who the shopper is, the breach time, the decision and the version. */
export class AgentCaseResponse extends CaseResponse {
  @ApiProperty() shopperId!: string;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' }) breachedAt!: string | null;
  @ApiPropertyOptional({ nullable: true, type: RecordedDecisionResponse }) decision!: RecordedDecisionResponse | null;
  @ApiProperty({ description: 'Changes with every update of the case.' }) version!: number;
}

/** POST /cases: the case plus whether this call opened it (false: you already had one open). */
export class AskForHumanResponse extends CaseResponse {
  @ApiProperty() created!: boolean;
}

export class ContactAttemptResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() agentId!: string;
  @ApiProperty({ enum: ContactOutcome }) outcome!: ContactOutcome;
  @ApiPropertyOptional({ nullable: true, type: String }) note!: string | null;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

export class ContactAttemptResultResponse {
  @ApiProperty({ type: AgentCaseResponse }) case!: AgentCaseResponse;
  @ApiProperty({ type: ContactAttemptResponse }) attempt!: ContactAttemptResponse;
}

export class DecisionResultResponse {
  @ApiProperty({ type: AgentCaseResponse }) case!: AgentCaseResponse;
  @ApiProperty({ type: RecordedDecisionResponse }) decision!: RecordedDecisionResponse;
}
