import { Type } from 'class-transformer';
import {
  ArrayMaxSize, IsArray, IsEnum, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, ValidateNested,
} from 'class-validator';
import { DecisionSource, FallbackReason, NoAnswerFallback, ShortageChoice, ShortageResolution } from '../vocabulary';

export const SKU_PATTERN = /^[A-Z0-9][A-Z0-9-]{1,39}$/;
export const MAX_LINES = 100;
export const MAX_QUANTITY = 999;

/** The shopper's standing instruction for a shortage, recorded at checkout. */
export class ShortagePolicyV1 {
  @IsEnum(ShortageChoice)
  choice!: ShortageChoice;

  /** For SUBSTITUTE: a named SKU; absent means "best match". */
  @IsOptional()
  @Matches(SKU_PATTERN)
  substituteSku?: string;

  /** For CONTACT_ME: how long the shopper gives us before the fallback applies. */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(24 * 60)
  ifNoAnswerWithinMinutes?: number;

  @IsOptional()
  @IsEnum(NoAnswerFallback)
  thenFallback?: NoAnswerFallback;
}

export class LineQuantityV1 {
  @IsUUID()
  lineId!: string;

  @Matches(SKU_PATTERN)
  sku!: string;

  @IsInt()
  @Min(0)
  @Max(MAX_QUANTITY)
  quantity!: number;
}

export class SubstituteSuggestionV1 {
  @Matches(SKU_PATTERN)
  sku!: string;

  @IsString()
  @MaxLength(200)
  name!: string;

  @IsInt()
  @Min(0)
  available!: number;

  @IsInt()
  @Min(0)
  unitPriceCents!: number;
}

/** A decision as it travels on the wire: what was chosen, for which lines, and by whom. */
export class DecisionV1 {
  @IsUUID()
  decisionId!: string;

  @IsEnum(DecisionSource)
  source!: DecisionSource;

  @IsEnum(ShortageResolution)
  resolution!: ShortageResolution;

  @IsArray()
  @ArrayMaxSize(MAX_LINES)
  @IsUUID('all', { each: true })
  lineIds!: string[];

  @IsOptional()
  @Matches(SKU_PATTERN)
  substituteSku?: string;

  /** Set on SHOPPER_PRESET_FALLBACK decisions: why the shopper's fallback applied. */
  @IsOptional()
  @IsEnum(FallbackReason)
  fallbackReason?: FallbackReason;
}

/** One nested payload object, validated and typed for class-transformer and the AsyncAPI schema. */
export function nested<T>(cls: new () => T) {
  return (target: object, key: string) => {
    ValidateNested()(target, key);
    Type(() => cls)(target, key);
  };
}

/** An array of nested payload objects. */
export function nestedEach<T>(cls: new () => T) {
  return (target: object, key: string) => {
    ValidateNested({ each: true })(target, key);
    Type(() => cls)(target, key);
  };
}
