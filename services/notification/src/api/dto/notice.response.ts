import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { NoticeChannel } from '@askfirst/contracts';
import { AttemptStatus, NoticeStatus } from '../../domain/notice-status';
import { NoticeKind } from '../../domain/notice-kind';

export class NoticeActionResponse {
  @ApiProperty() label!: string;
  @ApiProperty() url!: string;
}

export class NoticeSummaryResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: NoticeKind }) kind!: NoticeKind;
  @ApiProperty() orderId!: string;
  @ApiProperty() shopperId!: string;
  @ApiProperty() subject!: string;
  @ApiProperty({ type: [String] }) paragraphs!: string[];
  @ApiPropertyOptional({ type: NoticeActionResponse, description: 'The decision link; shown to the shopper only.' })
  action?: NoticeActionResponse;
  @ApiProperty({ enum: ['DELIVERED'], description: 'The inbox has every notice as soon as it exists.' })
  inAppStatus!: 'DELIVERED';
  @ApiProperty({ enum: NoticeStatus, description: 'Whether the notice reached the shopper (an external channel if any is configured).' })
  status!: NoticeStatus;
  @ApiProperty({ enum: NoticeChannel, isArray: true }) reachedChannels!: NoticeChannel[];
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: string;
}

export class DeliveryAttemptResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: NoticeChannel }) channel!: NoticeChannel;
  @ApiProperty() round!: number;
  @ApiProperty({ enum: AttemptStatus }) status!: AttemptStatus;
  @ApiProperty({ nullable: true, type: String }) error!: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) startedAt!: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) finishedAt!: string | null;
}

export class NoticeDetailResponse extends NoticeSummaryResponse {
  @ApiProperty({ format: 'uuid' }) causeEventId!: string;
  @ApiProperty() causeType!: string;
  @ApiProperty({ type: [String], format: 'uuid' }) refundIds!: string[];
  @ApiProperty({ description: 'Delivery rounds so far (each tries the channels in fallback order).' }) rounds!: number;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) nextAttemptAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) lastError!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) notifiedAt!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) failedAt!: string | null;
  @ApiProperty({ type: [DeliveryAttemptResponse] }) attempts!: DeliveryAttemptResponse[];
}

export class NoticeListResponse {
  @ApiProperty({ type: [NoticeSummaryResponse] }) items!: NoticeSummaryResponse[];
}
