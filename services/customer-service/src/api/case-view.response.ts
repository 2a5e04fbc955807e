import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ShortageResolution } from '@askfirst/contracts';
import { AgentCaseResponse, CaseResponse, ContactAttemptResponse } from './case.response';

export class NoticeStatusResponse {
  @ApiProperty({ enum: ['DELIVERED', 'FAILED'] }) status!: 'DELIVERED' | 'FAILED';
  @ApiProperty({ type: [String] }) channels!: string[];
  @ApiProperty({ format: 'date-time' }) at!: string;
}

/** One fact of the order's story, with how the notice about it fared. */
export class TimelineEntryResponse {
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ example: 'order.awaiting-shopper-decision.v1' }) type!: string;
  @ApiProperty() summary!: string;
  @ApiProperty({ type: [NoticeStatusResponse] }) notices!: NoticeStatusResponse[];
}

export class AgentTimelineEntryResponse extends TimelineEntryResponse {
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty() source!: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The event payload as received.' }) detail!: Record<string, unknown>;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Staff-only note.' }) internalNote!: string | null;
}

export class SubstituteSuggestionResponse {
  @ApiProperty() sku!: string;
  @ApiProperty() name!: string;
  @ApiProperty() available!: number;
}

export class PendingShortLineResponse {
  @ApiProperty({ format: 'uuid' }) lineId!: string;
  @ApiProperty() sku!: string;
  @ApiProperty() name!: string;
  @ApiProperty() quantityOrdered!: number;
  @ApiProperty() quantityShort!: number;
  @ApiProperty({ type: [SubstituteSuggestionResponse] }) substitutes!: SubstituteSuggestionResponse[];
  @ApiPropertyOptional({ format: 'date-time' }) restockEta?: string;
}

/** The question the shopper has to answer, so the agent can record their answer. */
export class PendingShortageResponse {
  @ApiProperty({ type: [PendingShortLineResponse] }) lines!: PendingShortLineResponse[];
  @ApiProperty({ enum: ShortageResolution, isArray: true }) options!: ShortageResolution[];
  @ApiProperty({ format: 'date-time' }) decisionDeadline!: string;
  @ApiProperty({ description: 'What applies if nobody reaches the shopper by the deadline.' }) fallback!: string;
}

export class OrderLineResponse {
  @ApiProperty({ format: 'uuid' }) lineId!: string;
  @ApiProperty() sku!: string;
  @ApiProperty() name!: string;
  @ApiProperty() quantity!: number;
  @ApiProperty() unitPriceCents!: number;
  @ApiProperty({ description: 'The shortage choice for this line.' }) policy!: string;
}

export class OrderResponse {
  @ApiProperty() orderId!: string;
  @ApiProperty() shopperId!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) storeId!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' }) placedAt!: string | null;
  @ApiProperty({ type: [OrderLineResponse] }) lines!: OrderLineResponse[];
  @ApiPropertyOptional({ nullable: true, type: PendingShortageResponse }) pendingShortage!: PendingShortageResponse | null;
}

/** GET /cases/:id for the shopper who owns it: no internal notes, no payloads. */
export class ShopperCaseViewResponse {
  @ApiProperty({ type: CaseResponse }) case!: CaseResponse;
  @ApiProperty({ type: [TimelineEntryResponse] }) timeline!: TimelineEntryResponse[];
}

/** GET /cases/:id for agents and supervisors: the whole story on one screen. */
export class AgentCaseViewResponse {
  @ApiProperty({ type: AgentCaseResponse }) case!: AgentCaseResponse;
  @ApiPropertyOptional({ nullable: true, type: OrderResponse, description: 'Null until an event about the order has arrived.' }) order!: OrderResponse | null;
  @ApiProperty({ type: [ContactAttemptResponse] }) contactAttempts!: ContactAttemptResponse[];
  @ApiProperty({ type: [AgentTimelineEntryResponse] }) timeline!: AgentTimelineEntryResponse[];
}
