import {
  ArrayMaxSize, ArrayMinSize, IsArray, IsEnum, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min,
} from 'class-validator';
import { ShortageResolution, ShortageStage } from '../vocabulary';
import {
  DecisionV1, LineQuantityV1, MAX_LINES, MAX_QUANTITY, nested, nestedEach, ShortagePolicyV1, SKU_PATTERN, SubstituteSuggestionV1,
} from './common';

export class PlacedLineV1 {
  @IsUUID()
  lineId!: string;

  @Matches(SKU_PATTERN)
  sku!: string;

  @IsString()
  @MaxLength(200)
  name!: string;

  @IsInt()
  @Min(1)
  @Max(MAX_QUANTITY)
  quantity!: number;

  @IsInt()
  @Min(0)
  unitPriceCents!: number;

  /** The policy that applies to this line (the order's, or the line's own override). */
  @nested(ShortagePolicyV1)
  policy!: ShortagePolicyV1;
}

abstract class OrderFactV1 {
  @IsUUID()
  orderId!: string;

  @IsString()
  @MaxLength(100)
  shopperId!: string;
}

export class OrderPlacedV1 extends OrderFactV1 {
  @IsString()
  @MaxLength(100)
  storeId!: string;

  @IsISO8601()
  placedAt!: string;

  @nested(ShortagePolicyV1)
  policy!: ShortagePolicyV1;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_LINES)
  @nestedEach(PlacedLineV1)
  lines!: PlacedLineV1[];
}

export class OrderConfirmedV1 extends OrderFactV1 {
  @IsArray()
  @nestedEach(LineQuantityV1)
  lines!: LineQuantityV1[];
}

export class ShortLineV1 {
  @IsUUID()
  lineId!: string;

  @Matches(SKU_PATTERN)
  sku!: string;

  @IsString()
  @MaxLength(200)
  name!: string;

  @IsInt()
  @Min(1)
  quantityOrdered!: number;

  @IsInt()
  @Min(1)
  quantityShort!: number;

  @IsArray()
  @nestedEach(SubstituteSuggestionV1)
  substitutes!: SubstituteSuggestionV1[];

  @IsOptional()
  @IsISO8601()
  restockEta?: string;
}

export class OrderAwaitingShopperDecisionV1 extends OrderFactV1 {
  @IsEnum(ShortageStage)
  stage!: ShortageStage;

  @IsArray()
  @ArrayMinSize(1)
  @nestedEach(ShortLineV1)
  shortLines!: ShortLineV1[];

  @IsArray()
  @IsEnum(ShortageResolution, { each: true })
  options!: ShortageResolution[];

  @IsISO8601()
  decisionDeadline!: string;

  /** What the shopper said should happen if nobody reaches them by the deadline. */
  @IsString()
  fallback!: string;
}

/** Every decision that changes what the shopper gets or pays, with its source (I1). */
export class OrderDecisionRecordedV1 extends OrderFactV1 {
  @nested(DecisionV1)
  decision!: DecisionV1;

  @IsOptional()
  @IsUUID()
  caseId?: string;
}

export class OrderLineRefundApprovedV1 extends OrderFactV1 {
  @IsUUID()
  refundId!: string;

  @IsUUID()
  lineId!: string;

  @Matches(SKU_PATTERN)
  sku!: string;

  @IsString()
  @MaxLength(200)
  name!: string;

  @IsInt()
  @Min(1)
  quantity!: number;

  @IsInt()
  @Min(0)
  amountCents!: number;

  @nested(DecisionV1)
  decision!: DecisionV1;
}

export class OrderSubstitutionRequestedV1 extends OrderFactV1 {
  @IsString()
  @MaxLength(100)
  storeId!: string;

  @IsUUID()
  lineId!: string;

  @Matches(SKU_PATTERN)
  originalSku!: string;

  /** A named SKU, or absent for "best match in the same category". */
  @IsOptional()
  @Matches(SKU_PATTERN)
  substituteSku?: string;

  @IsInt()
  @Min(1)
  quantity!: number;

  @nested(DecisionV1)
  decision!: DecisionV1;
}

export class OrderLineSubstitutedV1 extends OrderFactV1 {
  @IsUUID()
  lineId!: string;

  @Matches(SKU_PATTERN)
  fromSku!: string;

  @Matches(SKU_PATTERN)
  toSku!: string;

  @IsString()
  @MaxLength(200)
  toName!: string;

  @IsInt()
  @Min(1)
  quantity!: number;

  @nested(DecisionV1)
  decision!: DecisionV1;
}

export class OrderLineBackorderedV1 extends OrderFactV1 {
  @IsString()
  @MaxLength(100)
  storeId!: string;

  @IsUUID()
  lineId!: string;

  @Matches(SKU_PATTERN)
  sku!: string;

  @IsInt()
  @Min(1)
  quantity!: number;

  @nested(DecisionV1)
  decision!: DecisionV1;
}

/** A restock filled a back-ordered line: it is held again and will ship with the order. */
export class OrderBackorderFilledV1 extends OrderFactV1 {
  @IsString()
  @MaxLength(100)
  storeId!: string;

  @IsUUID()
  lineId!: string;

  @Matches(SKU_PATTERN)
  sku!: string;

  @IsInt()
  @Min(1)
  quantity!: number;
}

/** KEEP_HOLDING: the order waits, a supervisor owns it, and nothing is refunded. */
export class OrderHeldV1 extends OrderFactV1 {
  @nested(DecisionV1)
  decision!: DecisionV1;

  @IsISO8601()
  reviewBy!: string;
}

export class OrderCancelledV1 extends OrderFactV1 {
  @IsString()
  @MaxLength(500)
  reason!: string;

  @nested(DecisionV1)
  decision!: DecisionV1;

  @IsOptional()
  @IsUUID()
  refundId?: string;

  @IsInt()
  @Min(0)
  refundAmountCents!: number;
}

export class RefundLineV1 {
  @IsUUID()
  lineId!: string;

  @Matches(SKU_PATTERN)
  sku!: string;

  @IsInt()
  @Min(1)
  quantity!: number;

  @IsInt()
  @Min(0)
  amountCents!: number;
}

/** For the payment platform. Emitted only after the shopper's notice is recorded (I2). */
export class OrderRefundRequestedV1 extends OrderFactV1 {
  @IsUUID()
  refundId!: string;

  @IsInt()
  @Min(0)
  amountCents!: number;

  @IsString()
  @Matches(/^[A-Z]{3}$/)
  currency!: string;

  @IsArray()
  @nestedEach(RefundLineV1)
  lines!: RefundLineV1[];

  @nested(DecisionV1)
  decision!: DecisionV1;

  /** The notice that told the shopper first. */
  @IsUUID()
  noticeId!: string;
}

/** A plain progress fact: picking-started, ready, dispatched, delivered. */
export class OrderProgressV1 extends OrderFactV1 {
  @IsISO8601()
  at!: string;
}
