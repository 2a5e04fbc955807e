import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DecisionSource, FallbackReason, LineState, NoAnswerFallback, OrderState, ShortageChoice, ShortageResolution, ShortageStage } from '@askfirst/contracts';
import { RefundStatus } from '../../domain/refund';
import { TimelineKind } from '../../application/timeline-entry';

export class ShortagePolicyResponse {
  @ApiProperty({ enum: ShortageChoice }) choice!: ShortageChoice;
  @ApiPropertyOptional() substituteSku?: string;
  @ApiPropertyOptional({ description: 'Minutes' }) ifNoAnswerWithin?: number;
  @ApiPropertyOptional({ enum: NoAnswerFallback }) thenFallback?: NoAnswerFallback;
}

export class SubstituteSuggestionResponse {
  @ApiProperty() sku!: string;
  @ApiProperty() name!: string;
  @ApiProperty() available!: number;
  @ApiProperty() unitPriceCents!: number;
}

export class LineShortageResponse {
  @ApiProperty({ enum: ShortageStage }) stage!: ShortageStage;
  @ApiProperty({ type: [SubstituteSuggestionResponse] }) substitutes!: SubstituteSuggestionResponse[];
  @ApiPropertyOptional({ format: 'date-time' }) restockEta?: string;
}

export class HeldSubstituteResponse {
  @ApiProperty() sku!: string;
  @ApiProperty() name!: string;
  @ApiProperty() quantity!: number;
  @ApiProperty() unitPriceCents!: number;
}

export class OrderLineResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() sku!: string;
  @ApiProperty() name!: string;
  @ApiProperty() quantity!: number;
  @ApiProperty() unitPriceCents!: number;
  @ApiProperty({
    enum: LineState,
    description: 'BACKORDERED: the shopper chose to wait for a restock of the short units; the order is not dispatched without them. '
      + 'REFUND_PENDING_NOTICE → REFUNDED: every unit refunded (requested once the shopper has been told). '
      + 'PARTIAL_REFUND_PENDING_NOTICE → PARTLY_REFUNDED: refundedQuantity of quantity refunded, the rest still held and shipped.',
  })
  state!: LineState;
  @ApiProperty({ type: ShortagePolicyResponse, description: 'The policy in force for this line.' }) onShortage!: ShortagePolicyResponse;
  @ApiProperty({ description: 'Units short and not yet refunded, substituted or refilled.' }) shortQuantity!: number;
  @ApiProperty({ description: 'Units whose refund is approved.' }) refundedQuantity!: number;
  @ApiProperty({ description: 'True while the shopper (or an agent for them) must decide about this line.' }) waitingForDecision!: boolean;
  @ApiPropertyOptional({ format: 'date-time', description: 'While the line waits for the shopper: when its own fallback applies. Absent while held for a supervisor.' })
  decisionDeadline?: string;
  @ApiPropertyOptional({ type: LineShortageResponse }) shortage?: LineShortageResponse;
  @ApiPropertyOptional({ type: HeldSubstituteResponse }) substitute?: HeldSubstituteResponse;
}

export class DecisionResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: DecisionSource }) source!: DecisionSource;
  @ApiProperty({ enum: ShortageResolution }) resolution!: ShortageResolution;
  @ApiProperty({ type: [String] }) lineIds!: string[];
  @ApiPropertyOptional() substituteSku?: string;
  @ApiProperty({ format: 'date-time' }) decidedAt!: string;
  @ApiPropertyOptional({ description: 'Shopper or agent id.' }) decidedBy?: string;
  @ApiPropertyOptional({ format: 'uuid' }) caseId?: string;
  @ApiPropertyOptional({ enum: FallbackReason, description: 'SHOPPER_PRESET_FALLBACK only: why the shopper\'s fallback applied.' })
  fallbackReason?: FallbackReason;
}

export class RefundLineResponse {
  @ApiProperty({ format: 'uuid' }) lineId!: string;
  @ApiProperty() sku!: string;
  @ApiProperty() quantity!: number;
  @ApiProperty() amountCents!: number;
}

export class RefundResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: RefundStatus, description: 'PENDING_NOTICE until the shopper has been told; then REQUESTED from payments.' }) status!: RefundStatus;
  @ApiProperty() amountCents!: number;
  @ApiProperty() currency!: string;
  @ApiProperty({ enum: ['SHORT_LINE', 'ORDER_CANCELLED'] }) reason!: string;
  @ApiProperty({ type: [RefundLineResponse] }) lines!: RefundLineResponse[];
  @ApiProperty({ format: 'uuid' }) decisionId!: string;
  @ApiProperty({ format: 'date-time' }) approvedAt!: string;
  @ApiPropertyOptional({ format: 'date-time' }) requestedAt?: string;
  @ApiPropertyOptional({ format: 'uuid' }) noticeId?: string;
}

export class TimelineEntryResponse {
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ enum: TimelineKind }) kind!: TimelineKind;
  @ApiPropertyOptional({ example: 'order.decision-recorded.v1' }) eventType?: string;
  @ApiPropertyOptional({ format: 'uuid' }) eventId?: string;
  @ApiProperty() summary!: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true }) data?: object;
}

export class OrderSummaryResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() shopperId!: string;
  @ApiProperty() storeId!: string;
  @ApiProperty({ enum: OrderState }) state!: OrderState;
  @ApiProperty() currency!: string;
  @ApiProperty({ description: 'What the shopper paid at checkout.' }) totalCents!: number;
  @ApiProperty({ format: 'date-time' }) placedAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiProperty({ description: 'Increments on every change.' }) version!: number;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'While waiting: when the shopper\'s fallback (or the supervisor review) is due.' })
  decisionDeadline!: string | null;
  @ApiProperty({ enum: ['SHOPPER', 'SUPERVISOR'], nullable: true, description: 'While waiting: who must act (an agent may act for the shopper).' })
  currentOwner!: 'SHOPPER' | 'SUPERVISOR' | null;
}

export class OrderResponse extends OrderSummaryResponse {
  @ApiProperty({ type: ShortagePolicyResponse }) onShortage!: ShortagePolicyResponse;
  @ApiProperty({ type: [String], description: 'Lines the shopper must decide about now.' }) waitingLineIds!: string[];
  @ApiPropertyOptional({ enum: ShortageStage }) shortageStage?: ShortageStage;
  @ApiProperty({ type: [OrderLineResponse] }) lines!: OrderLineResponse[];
  @ApiProperty({ type: [DecisionResponse], description: 'Every decision, with who made it.' }) decisions!: DecisionResponse[];
  @ApiProperty({ type: [RefundResponse] }) refunds!: RefundResponse[];
  @ApiProperty({ type: [TimelineEntryResponse], description: 'Every event, notice and decision about the order, oldest first.' }) timeline!: TimelineEntryResponse[];
}

export class OrderPageResponse {
  @ApiProperty({ type: [OrderSummaryResponse] }) items!: OrderSummaryResponse[];
  @ApiPropertyOptional({ description: 'Pass as cursor for the next page; absent on the last page.' }) nextCursor?: string;
}
