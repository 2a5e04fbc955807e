import { ArrayMinSize, IsArray, IsEnum, IsInt, IsString, IsUUID, Matches, MaxLength, Min } from 'class-validator';
import { NoticeChannel } from '../vocabulary';
import { EVENT_TYPE_PATTERN } from '../envelope';

abstract class NoticeFactV1 {
  @IsUUID()
  noticeId!: string;

  @IsString()
  @MaxLength(200)
  orderId!: string;

  @IsString()
  @MaxLength(100)
  shopperId!: string;

  /** The event the notice tells the shopper about (one notice per causing event). */
  @IsUUID()
  causeEventId!: string;

  @Matches(EVENT_TYPE_PATTERN)
  causeType!: string;

  /** Refunds this notice announced; the order service requests them only after this (I2). */
  @IsArray()
  @IsUUID('all', { each: true })
  refundIds!: string[];
}

/** The notice reached at least one channel. */
export class NotificationShopperNotifiedV1 extends NoticeFactV1 {
  @IsArray()
  @ArrayMinSize(1)
  @IsEnum(NoticeChannel, { each: true })
  channels!: NoticeChannel[];
}

/** Every channel failed after retries: a human has to reach the shopper. */
export class NotificationDeliveryFailedV1 extends NoticeFactV1 {
  @IsInt()
  @Min(1)
  attempts!: number;

  @IsString()
  @MaxLength(1000)
  lastError!: string;
}
