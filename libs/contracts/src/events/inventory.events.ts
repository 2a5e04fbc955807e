import { ArrayMinSize, IsArray, IsEnum, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Matches, MaxLength, Min } from 'class-validator';
import { ShortageStage, StockAdjustmentReason } from '../vocabulary';
import { LineQuantityV1, nestedEach, SKU_PATTERN, SubstituteSuggestionV1 } from './common';

abstract class InventoryOrderFactV1 {
  @IsUUID()
  orderId!: string;

  @IsString()
  @MaxLength(100)
  storeId!: string;
}

/** Every line of the order is held in full. */
export class InventoryReservedV1 extends InventoryOrderFactV1 {
  @IsArray()
  @nestedEach(LineQuantityV1)
  lines!: LineQuantityV1[];
}

export class ShortLineDetailV1 {
  @IsUUID()
  lineId!: string;

  @Matches(SKU_PATTERN)
  sku!: string;

  @IsInt()
  @Min(1)
  quantityOrdered!: number;

  /** What is still held for the line. */
  @IsInt()
  @Min(0)
  quantityReserved!: number;

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

/** Found at reservation or later (picker: missing/damaged, a recount). Lines not listed are held in full. */
export class InventoryShortageDetectedV1 extends InventoryOrderFactV1 {
  @IsEnum(ShortageStage)
  stage!: ShortageStage;

  @IsOptional()
  @IsEnum(StockAdjustmentReason)
  reason?: StockAdjustmentReason;

  @IsArray()
  @ArrayMinSize(1)
  @nestedEach(ShortLineDetailV1)
  lines!: ShortLineDetailV1[];

  /** Lines held in full at the time of the shortage. */
  @IsArray()
  @nestedEach(LineQuantityV1)
  reservedLines!: LineQuantityV1[];
}

export class InventoryReleasedV1 extends InventoryOrderFactV1 {
  @IsArray()
  @nestedEach(LineQuantityV1)
  lines!: LineQuantityV1[];
}

export class InventoryCommittedV1 extends InventoryOrderFactV1 {
  @IsArray()
  @nestedEach(LineQuantityV1)
  lines!: LineQuantityV1[];
}

export class InventorySubstituteReservedV1 extends InventoryOrderFactV1 {
  @IsUUID()
  lineId!: string;

  @IsUUID()
  decisionId!: string;

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
  unitPriceCents!: number;
}

export class InventorySubstituteUnavailableV1 extends InventoryOrderFactV1 {
  @IsUUID()
  lineId!: string;

  @IsUUID()
  decisionId!: string;

  @IsOptional()
  @Matches(SKU_PATTERN)
  requestedSku?: string;

  @IsString()
  @MaxLength(500)
  reason!: string;
}

/** A back-order was filled from a restock, in order of arrival. */
export class InventoryBackorderFilledV1 extends InventoryOrderFactV1 {
  @IsUUID()
  lineId!: string;

  @Matches(SKU_PATTERN)
  sku!: string;

  @IsInt()
  @Min(1)
  quantity!: number;
}

/** Subject is `<storeId>:<sku>`: a stock fact not tied to one order. */
export class InventoryStockAdjustedV1 {
  @IsString()
  @MaxLength(100)
  storeId!: string;

  @Matches(SKU_PATTERN)
  sku!: string;

  @IsEnum(StockAdjustmentReason)
  reason!: StockAdjustmentReason;

  @IsInt()
  delta!: number;

  @IsInt()
  @Min(0)
  onHand!: number;

  @IsInt()
  @Min(0)
  reserved!: number;
}
