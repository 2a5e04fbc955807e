import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { MAX_QUANTITY, SKU_PATTERN } from '@askfirst/contracts';

export const MAX_SKUS_PER_QUERY = 100;

export class StockQueryDto {
  @ApiProperty({ type: String, example: 'CAKE-CREAM,CHIPS-SALT', description: `Comma-separated SKUs, at most ${MAX_SKUS_PER_QUERY}.` })
  @Transform(({ value }) => [value].flat().flatMap((v) => String(v).split(',')).map((s) => s.trim()).filter(Boolean))
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_SKUS_PER_QUERY)
  @Matches(SKU_PATTERN, { each: true, message: 'each sku must be 2-40 upper-case letters, digits or dashes' })
  skus: string[];
}

export class SubstitutesQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_QUANTITY, default: 1, description: 'Units the substitute must have available.' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_QUANTITY)
  quantity?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 10, default: 3 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10)
  limit?: number;
}
