import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, IsArray, IsDefined, IsInt, IsObject, IsOptional, IsString, Length, Matches, Max, Min, ValidateNested,
} from 'class-validator';
import { MAX_LINES, MAX_QUANTITY, SKU_PATTERN } from '@askfirst/contracts';
import { ShortagePolicyDto } from './shortage-policy.dto';

export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:@-]{0,99}$/;
export const MAX_UNIT_PRICE_CENTS = 1_000_000;
const ON_SHORTAGE_REQUIRED = 'onShortage is required: choose CONTACT_ME, REFUND_ITEM_SHIP_REST, CANCEL_ORDER or SUBSTITUTE';

export class PlaceOrderLineDto {
  @ApiProperty({ pattern: SKU_PATTERN.source, maxLength: 40, example: 'CAKE-CREAM' })
  @Matches(SKU_PATTERN, { message: 'sku must be an upper-case SKU (A-Z, 0-9, -; 2-40 chars)' })
  sku!: string;

  @ApiProperty({ minLength: 1, maxLength: 200, example: 'Cream cake' })
  @IsString()
  @Length(1, 200)
  @Matches(/^[^\p{Cc}]+$/u, { message: 'name must not contain control characters' })
  name!: string;

  @ApiProperty({ minimum: 1, maximum: MAX_QUANTITY, example: 1 })
  @IsInt()
  @Min(1)
  @Max(MAX_QUANTITY)
  quantity!: number;

  @ApiProperty({ minimum: 0, maximum: MAX_UNIT_PRICE_CENTS, example: 1299 })
  @IsInt()
  @Min(0)
  @Max(MAX_UNIT_PRICE_CENTS)
  unitPriceCents!: number;

  @ApiPropertyOptional({ type: () => ShortagePolicyDto, description: 'Overrides the order\'s onShortage for this line.' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ShortagePolicyDto)
  onShortage?: ShortagePolicyDto;
}

export class PlaceOrderDto {
  @ApiPropertyOptional({ description: 'Service tokens must name the shopper; a shopper token places only for itself.', pattern: ID_PATTERN.source, maxLength: 100 })
  @IsOptional()
  @Matches(ID_PATTERN, { message: 'shopperId must be 1-100 letters, digits or ._:@-' })
  shopperId?: string;

  @ApiProperty({ pattern: ID_PATTERN.source, maxLength: 100, example: 'store-1' })
  @Matches(ID_PATTERN, { message: 'storeId must be 1-100 letters, digits or ._:@-' })
  storeId!: string;

  @ApiPropertyOptional({ pattern: '^[A-Z]{3}$', maxLength: 3, default: 'EUR' })
  @IsOptional()
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code such as EUR' })
  currency?: string;

  @ApiProperty({ type: () => ShortagePolicyDto, description: 'Required. What happens if an item runs short, for every line without its own.' })
  @IsDefined({ message: ON_SHORTAGE_REQUIRED })
  @IsObject({ message: 'onShortage must be an object such as { "choice": "REFUND_ITEM_SHIP_REST" }' })
  @ValidateNested()
  @Type(() => ShortagePolicyDto)
  onShortage!: ShortagePolicyDto;

  @ApiProperty({ type: () => [PlaceOrderLineDto], minItems: 1, maxItems: MAX_LINES })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_LINES)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => PlaceOrderLineDto)
  lines!: PlaceOrderLineDto[];
}
